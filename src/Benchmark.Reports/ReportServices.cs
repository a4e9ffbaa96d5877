using Benchmark.Core.Reports;
using Benchmark.Reports.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Benchmark.Reports;

/// <summary>The composition root of the report renderers: one theme, one renderer for PDF and HTML, for the app and the CLI alike.</summary>
public static class ReportServices
{
    /// <summary>Registers the renderer unless the host (a test, say) registered its own.</summary>
    public static IServiceCollection AddBenchmarkReports(this IServiceCollection services)
    {
        services.TryAddSingleton(_ => ReportTheme.Load());
        services.TryAddSingleton<IReportRenderer>(provider => new ReportRenderers(provider.GetRequiredService<ReportTheme>()));
        return services;
    }
}
