namespace Rag.Core.Documents;

/// <summary>Kind of a structural block produced by a document reader.</summary>
public enum BlockKind
{
    /// <summary>A heading; <see cref="DocumentBlock.HeadingLevel"/> says its level (1 = top).</summary>
    Heading,

    /// <summary>Body text: a paragraph, list item, table cell row or similar.</summary>
    Paragraph,
}
