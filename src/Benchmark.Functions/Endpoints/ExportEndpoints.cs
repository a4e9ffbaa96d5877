using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Http;
using Benchmark.Functions.Security;
using Benchmark.Reports.Exports;

namespace Benchmark.Functions.Endpoints;

/// <summary>A round for analysts' spreadsheets: the workbook, one table's CSV, or every CSV in a zip (docs/exports.md).</summary>
public static class ExportEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var analysts = v1.MapGroup("/cycles/{year:int}").WithTags("Exports").AllowRoles(Role.Analyst);
        analysts.MapGet("/export", ExportAsync)
            .Produces<byte[]>(StatusCodes.Status200OK, WorkbookWriter.ContentType, ExportCsv.ContentType, ExportFiles.ZipContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportCycle")
            .WithSummary("The cycle for analysts: ?format=xlsx (default; one sheet per table) or csv; with csv, ?tabel=inzendingen|antwoorden|scores|groepsstatistieken|signalen for one table, otherwise a zip of all");
    }

    private static async Task<IResult> ExportAsync(int year, string? format, string? tabel, HttpContext context, ExportService exports, CancellationToken cancellationToken)
    {
        if (ExportFiles.Check(format, tabel) is { } invalid)
        {
            return Problems.From(invalid);
        }

        var export = await exports.ExportAsync(context.User.Actor(), year, cancellationToken);
        if (export.Failed)
        {
            return Problems.From(export.Refusal);
        }

        var file = ExportFiles.Render(export.Value, format, tabel);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
