namespace Benchmark.Testing;

/// <summary>
/// Every time-out the tests wait with, in one place, and generous: the suite must pass on a loaded two-core machine,
/// where Azurite or Chromium can stall for seconds. A real hang still fails, only later.
/// </summary>
public static class TestTimeouts
{
    /// <summary>Azurite (<see cref="AzuriteFixture"/>) listening on all three ports after its process starts.</summary>
    public static readonly TimeSpan AzuriteStart = TimeSpan.FromSeconds(30);

    /// <summary>Azurite saving its data and exiting after it is asked to stop; then it is killed.</summary>
    public static readonly TimeSpan AzuriteStop = TimeSpan.FromSeconds(15);

    /// <summary>One storage call of the app under test (the product's own default is 5 s).</summary>
    public static readonly TimeSpan StorageCall = TimeSpan.FromSeconds(20);

    /// <summary>A storage call in the tests that cut storage off on purpose and expect the app to answer within seconds.</summary>
    public static readonly TimeSpan StorageCallDuringOutage = TimeSpan.FromSeconds(3);

    /// <summary>One HTTP request from a test to the app.</summary>
    public static readonly TimeSpan HttpRequest = TimeSpan.FromSeconds(60);

    /// <summary>One browser action (a click, a navigation, a locator to appear).</summary>
    public static readonly TimeSpan BrowserAction = TimeSpan.FromSeconds(60);

    /// <summary>A batch of reports through the queue, or a worker run until messages reach the poison queue.</summary>
    public static readonly TimeSpan ReportBatch = TimeSpan.FromMinutes(5);

    /// <summary>Starting Chromium.</summary>
    public static readonly TimeSpan BrowserStart = TimeSpan.FromSeconds(90);

    /// <summary>
    /// scripts/run.sh from its start until it prints its banner: on a first start it generates and loads the demo,
    /// benchmarks three rounds and renders every council report in two languages (about a minute on a quiet machine).
    /// </summary>
    public static readonly TimeSpan QuickStart = TimeSpan.FromMinutes(10);

    /// <summary>scripts/run.sh, the app and Azurite it started, gone after Ctrl+C.</summary>
    public static readonly TimeSpan QuickStartStop = TimeSpan.FromSeconds(60);

    /// <summary>One command line of the README, e.g. every report of a round through the queue.</summary>
    public static readonly TimeSpan ReadmeCommand = TimeSpan.FromMinutes(5);

    /// <summary>The configuration value of a time-out ("00:00:20").</summary>
    public static string Setting(TimeSpan timeout) => timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
