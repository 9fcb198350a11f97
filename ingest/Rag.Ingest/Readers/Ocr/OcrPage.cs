namespace Rag.Ingest.Readers.Ocr;

/// <summary>A PDF page to OCR: its 1-based number and its size in PDF points (1/72 inch).</summary>
internal sealed record OcrPage(int Number, double WidthPoints, double HeightPoints);
