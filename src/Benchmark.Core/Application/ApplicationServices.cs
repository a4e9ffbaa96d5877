using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Benchmark.Core.Application;

/// <summary>
/// The composition root of the application layer: one service per use-case family, each reaching storage through the
/// small repository interfaces that <c>AddBenchmarkStorage</c> registers, and the reports through the renderer that
/// <c>AddBenchmarkReports</c> registers. Used alike by the function app, the CLI and the tests, so every adapter gets the
/// same rules.
/// </summary>
public static class ApplicationServices
{
    public static IServiceCollection AddBenchmarkApplication(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CycleService>();
        services.AddSingleton<BenchmarkService>();
        services.AddSingleton<CurationService>();
        services.AddSingleton<RegisterService>();
        services.AddSingleton<KeyService>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<SubmissionService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<OpenDataService>();
        services.AddSingleton<ActorNames>();
        return services;
    }
}
