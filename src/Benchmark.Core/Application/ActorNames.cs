using Benchmark.Core.Model;

namespace Benchmark.Core.Application;

/// <summary>The actors the audit records that are not keys: the service's own tools.</summary>
public static class KnownActors
{
    /// <summary>Someone with access to storage, through the <c>benchmark</c> command line.</summary>
    public const string CommandLine = "cli";

    /// <summary>The demo data's made-up history.</summary>
    public const string DemoLoader = "demo-loader";
}

/// <summary>
/// Who did something, as a person reads it: a key by its label ("Informatiemanager Utrecht"), the command line and
/// the demo data by what they are. The audit keeps key ids, so a relabelled key renames its past actions too.
/// </summary>
public sealed class ActorNames(ISubmissionContext context)
{
    /// <summary>Names for every actor given (nulls skipped), looked up once each.</summary>
    public async Task<ActorDirectory> NameAllAsync(IEnumerable<string?> actors, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var actor in actors.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            names[actor] = Describe(actor, IsKnown(actor) ? null : await context.KeyLabelAsync(actor, cancellationToken).ConfigureAwait(false));
        }

        return new ActorDirectory(names);
    }

    public async Task<LocalizedText> NameAsync(string actor, CancellationToken cancellationToken = default) =>
        (await NameAllAsync([actor], cancellationToken).ConfigureAwait(false)).NameOf(actor);

    /// <summary>A key's label where it has one; otherwise the tool by what it is, or the id as recorded (a key since deleted).</summary>
    public static LocalizedText Describe(string actor, string? label) => actor switch
    {
        KnownActors.CommandLine => new("beheer via de opdrachtregel", "administration on the command line"),
        KnownActors.DemoLoader => new("demogegevens", "demo data"),
        _ when !string.IsNullOrWhiteSpace(label) => new(label, label),
        _ => new(actor, actor),
    };

    private static bool IsKnown(string actor) => actor is KnownActors.CommandLine or KnownActors.DemoLoader;
}

/// <summary>The names of a page's actors.</summary>
public sealed class ActorDirectory(IReadOnlyDictionary<string, LocalizedText> names)
{
    public static readonly ActorDirectory Empty = new(new Dictionary<string, LocalizedText>());

    public LocalizedText NameOf(string actor) => names.TryGetValue(actor, out var name) ? name : ActorNames.Describe(actor, null);
}
