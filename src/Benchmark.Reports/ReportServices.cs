using Benchmark.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Benchmark.Reports;

/// <summary>The composition root of the reports: one renderer, with the shipped theme, for PDF and HTML, for the app and the CLI alike.</summary>
public static class ReportServices
{
    /// <summary>Registers the renderer unless the host (a test, say) registered its own.</summary>
    public static IServiceCollection AddBenchmarkReports(this IServiceCollection services)
    {
        services.TryAddSingleton<IReportRenderer>(_ => new ReportRenderer());
        return services;
    }
}
