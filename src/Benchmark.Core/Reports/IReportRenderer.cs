namespace Benchmark.Core.Reports;

/// <summary>A rendered report: the PDF and its HTML twin.</summary>
public sealed record RenderedReport(byte[] Pdf, string Html);

/// <summary>Lays out report models. Implemented by the reports project, so neither the core nor storage needs a drawing library.</summary>
public interface IReportRenderer
{
    RenderedReport Council(CouncilReport report);

    RenderedReport National(NationalReport report);
}
