using Benchmark.Core.Application;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Benchmark.Storage;

/// <summary>
/// The composition root of storage: the stores, and the repositories the application layer reaches them through, used alike by the function app, the CLI and
/// the tests, so no adapter constructs a store itself. The host registers what differs per host: the
/// <see cref="StorageSettings"/>, the <see cref="Core.Loading.QuestionnaireCatalog"/>, a <see cref="TimeProvider"/> (the
/// system clock unless one is registered) and, for reports, a <see cref="Core.Reports.IReportRenderer"/>.
/// </summary>
public static class StorageServices
{
    public static IServiceCollection AddBenchmarkStorage(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BenchmarkTables>();
        services.AddSingleton<SubmissionStore>();
        services.AddSingleton<CycleStore>();
        services.AddSingleton<KeyStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<RegisterStore>();
        services.AddSingleton<BenchmarkStore>();
        services.AddSingleton<CurationStore>();
        services.AddSingleton<ReportStorage>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SubmissionContextStore>();
        services.AddSingleton<ICycleRepository>(provider => provider.GetRequiredService<CycleStore>());
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<AuditStore>());
        services.AddSingleton<ISubmissionRepository>(provider => provider.GetRequiredService<SubmissionStore>());
        services.AddSingleton<ISubmissionContext>(provider => provider.GetRequiredService<SubmissionContextStore>());
        services.AddSingleton<IBenchmarkResults>(provider => provider.GetRequiredService<BenchmarkStore>());
        services.AddSingleton<ICycleSubmissions>(provider => provider.GetRequiredService<SubmissionStore>());
        services.AddSingleton<IRegisterRepository>(provider => provider.GetRequiredService<RegisterStore>());
        services.AddSingleton<ICurationRepository>(provider => provider.GetRequiredService<CurationStore>());
        services.AddSingleton<IKeyRepository>(provider => provider.GetRequiredService<KeyStore>());
        services.AddSingleton<ISessionRepository>(provider => provider.GetRequiredService<SessionStore>());
        services.AddSingleton<IReportFiles>(provider => provider.GetRequiredService<ReportStorage>());
        services.AddSingleton<IReportMessages>(provider => provider.GetRequiredService<ReportStorage>());
        services.AddSingleton<IReportBatches, ReportBatchTable>();
        services.AddSingleton<IReportInputs, ReportInputs>();

        services.AddSingleton<StorageSetup>();

        // The local stand-in for the Functions host's queue trigger, for the app on its own.
        services.AddSingleton(provider => new ReportQueueWorker(provider.GetRequiredService<ReportStorage>(), provider.GetRequiredService<ReportService>()));

        // Seeds storage with made-up history, so it writes submissions with the store rather than through the workflow.
        services.AddSingleton<DemoLoader>();
        return services;
    }
}
