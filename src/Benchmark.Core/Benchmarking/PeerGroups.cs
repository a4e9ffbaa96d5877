using System.Globalization;
using Benchmark.Core.Register;

namespace Benchmark.Core.Benchmarking;

public enum PeerGroupKind
{
    All,
    SizeClass,
    CoarseSizeClass,
    Province,
    Collaboration,
    Custom,
}

/// <summary>A set of municipalities compared with each other.</summary>
/// <param name="Id">Stable and readable: "all", "size-4", "coarse-20k-50k", "province-utrecht", "collaboration-…", "custom-…".</param>
public sealed record PeerGroup(PeerGroupKind Kind, string Id, string Label, IReadOnlyList<string> Members)
{
    private HashSet<string>? _members;

    public bool Contains(string municipality) => (_members ??= new HashSet<string>(Members, StringComparer.Ordinal)).Contains(municipality);

    // Equality is about the data, not the lookup cache.
    public bool Equals(PeerGroup? other) =>
        other is not null && Kind == other.Kind && Id == other.Id && Label == other.Label && Members.SequenceEqual(other.Members);

    public override int GetHashCode() => HashCode.Combine(Kind, Id);
}

/// <summary>A group an analyst defines for one cycle, e.g. "deelnemers pilot rijbewijzen".</summary>
public sealed record CustomGroup(string Id, string Label, IReadOnlyList<string> Members);

public static class PeerGroups
{
    /// <summary>Every group of a register: all, the 8 CBS size classes, the coarse split, provinces, collaborations, and custom groups.</summary>
    public static IReadOnlyList<PeerGroup> For(MunicipalityRegister register, IReadOnlyList<CustomGroup>? custom = null)
    {
        var all = register.Municipalities.OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
        List<string> Codes(IEnumerable<Municipality> members) => members.Select(m => m.Code).ToList();

        var groups = new List<PeerGroup> { new(PeerGroupKind.All, "all", "Alle gemeenten", Codes(all)) };
        groups.AddRange(SizeClass.All.Select(c => new PeerGroup(PeerGroupKind.SizeClass, "size-" + c.Number.ToString(CultureInfo.InvariantCulture), $"Grootteklasse {c.Number} ({c.Label} inwoners)", Codes(all.Where(m => m.SizeClass == c)))));
        groups.AddRange(CoarseSizeClass.All.Select(c => new PeerGroup(PeerGroupKind.CoarseSizeClass, "coarse-" + c.Id, $"{c.Label} inwoners", Codes(all.Where(m => m.CoarseSizeClass == c)))));
        groups.AddRange(Provinces.All.Select(p => new PeerGroup(PeerGroupKind.Province, "province-" + Slug(p), "Provincie " + p, Codes(all.Where(m => m.Province == p)))));
        // Members of each collaboration in one pass over the register, in register order, rather than one pass per collaboration.
        var collaborations = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var municipality in all)
        {
            foreach (var collaboration in municipality.Collaborations.Distinct(StringComparer.Ordinal))
            {
                (collaborations.TryGetValue(collaboration, out var members) ? members : collaborations[collaboration] = []).Add(municipality.Code);
            }
        }

        groups.AddRange(collaborations.Keys.Order(StringComparer.Ordinal)
            .Select(c => new PeerGroup(PeerGroupKind.Collaboration, "collaboration-" + Slug(c), c, collaborations[c])));
        groups.AddRange((custom ?? []).Select(c => new PeerGroup(PeerGroupKind.Custom, "custom-" + Slug(c.Id), c.Label, c.Members.Where(code => register.Find(code) is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())));
        // Two names can make one id ("Regio X", "regio-x"): number the later ones, so every group keeps its own id.
        var unique = new List<PeerGroup>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.Members.Count > 0))
        {
            var id = group.Id;
            for (var n = 2; !taken.Add(id); n++)
            {
                id = $"{group.Id}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            unique.Add(group with { Id = id });
        }

        return unique;
    }

    /// <summary>The group a council report compares with by default: the municipality's CBS size class.</summary>
    public static string DefaultGroupId(Municipality municipality) => "size-" + municipality.SizeClass.Number.ToString(CultureInfo.InvariantCulture);

    public static string Slug(string text)
    {
        var normalized = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        var slug = new string(chars.ToArray());
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Trim('-');
    }
}
