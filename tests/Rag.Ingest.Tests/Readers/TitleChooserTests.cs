using Rag.Ingest.Readers;

namespace Rag.Ingest.Tests.Readers;

public sealed class TitleChooserTests
{
    [Theory]
    [InlineData("C:/USERS/JOHN/LING/TEX/EXPEX/MAN/0.dvi")]
    [InlineData("C:\\Users\\john\\Documents\\report")]
    [InlineData("/home/anna/thesis/main.pdf")]
    [InlineData("/tmp/texput")]
    [InlineData("tex/expex/man/0")]
    [InlineData("expex-doc.tex")]
    [InlineData("0.dvi")]
    [InlineData("Microsoft Word - Budget 2021.docx")]
    [InlineData("Microsoft PowerPoint - kickoff.pptx")]
    [InlineData("untitled")]
    [InlineData("Untitled-1")]
    [InlineData("Untitled Document")]
    [InlineData("Document1")]
    [InlineData("Presentation1")]
    [InlineData("Title")]
    [InlineData("0")]
    [InlineData("   ")]
    [InlineData("\u0000\u0001")]
    [InlineData("file:///srv/docs/a")]
    [InlineData(null)]
    public void Meaningful_JunkMetadata_IsNull(string? candidate) =>
        Assert.Null(TitleChooser.Meaningful(candidate));

    [Theory]
    [InlineData("The ExPex Package", "The ExPex Package")]
    [InlineData("Microsoft Word - Annual Report 2021", "Annual Report 2021")]
    [InlineData("TCP/IP Illustrated", "TCP/IP Illustrated")]
    [InlineData("Input/Output in C/C++ programs", "Input/Output in C/C++ programs")]
    [InlineData("  Fancy  ﬁle   handling ", "Fancy file handling")]
    [InlineData("Version 2.0 release notes", "Version 2.0 release notes")]
    [InlineData("Document management policy", "Document management policy")]
    public void Meaningful_RealTitle_KeptCleaned(string candidate, string expected) =>
        Assert.Equal(expected, TitleChooser.Meaningful(candidate));

    [Theory]
    [InlineData("/data/manuals/expex/expex-doc.pdf", "expex-doc")]
    [InlineData("manuals\\fontspec.pdf", "fontspec")]
    [InlineData("notes.md", "notes")]
    [InlineData(".profile", ".profile")]
    public void FromFileName_Path_NameWithoutDirectoryOrExtension(string path, string expected) =>
        Assert.Equal(expected, TitleChooser.FromFileName(path));
}
