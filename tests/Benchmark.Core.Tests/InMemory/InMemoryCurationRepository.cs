using Benchmark.Core.Application;
using Benchmark.Core.Benchmarking;

namespace Benchmark.Core.Tests.InMemory;

/// <summary>Practice notes, flags and custom groups in memory, for the application services' unit tests.</summary>
internal sealed class InMemoryCurationRepository : ICurationRepository
{
    public Dictionary<(int Cycle, string Municipality, string QuestionId), CuratedNote> Notes { get; } = [];

    public Dictionary<(int Cycle, string Id), StoredFlag> Flags { get; } = [];

    public Dictionary<(int Cycle, string Id), CustomGroup> Groups { get; } = [];

    public Task<IReadOnlyList<CuratedNote>> NotesAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CuratedNote>>([.. Notes.Values.Where(n => n.Cycle == cycle).OrderBy(n => n.Municipality, StringComparer.Ordinal).ThenBy(n => n.QuestionId, StringComparer.Ordinal)]);

    public Task<CuratedNote?> NoteAsync(int cycle, string municipality, string questionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Notes.GetValueOrDefault((cycle, municipality, questionId)));

    public Task SaveNoteAsync(CuratedNote note, CancellationToken cancellationToken = default)
    {
        Notes[(note.Cycle, note.Municipality, note.QuestionId)] = note;
        return Task.CompletedTask;
    }

    public Task SyncNotesAsync(int cycle, IReadOnlyList<CuratedNote> changed, IReadOnlyList<CuratedNote> removed, CancellationToken cancellationToken = default)
    {
        foreach (var note in changed)
        {
            Notes[(note.Cycle, note.Municipality, note.QuestionId)] = note;
        }

        foreach (var note in removed)
        {
            Notes.Remove((note.Cycle, note.Municipality, note.QuestionId));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredFlag>> FlagsAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredFlag>>([.. Flags.Values.Where(f => f.Cycle == cycle).OrderBy(f => f.Id, StringComparer.Ordinal)]);

    public Task ReplaceFlagsAsync(int cycle, IReadOnlyList<StoredFlag> flags, IReadOnlyList<StoredFlag>? current = null, CancellationToken cancellationToken = default)
    {
        foreach (var key in Flags.Keys.Where(k => k.Cycle == cycle).ToList())
        {
            Flags.Remove(key);
        }

        foreach (var flag in flags)
        {
            Flags[(cycle, flag.Id)] = flag;
        }

        return Task.CompletedTask;
    }

    public Task SaveFlagAsync(StoredFlag flag, CancellationToken cancellationToken = default)
    {
        Flags[(flag.Cycle, flag.Id)] = flag;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CustomGroup>> GroupsAsync(int cycle, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CustomGroup>>([.. Groups.Where(g => g.Key.Cycle == cycle).Select(g => g.Value)]);

    public Task SaveGroupAsync(int cycle, CustomGroup group, CancellationToken cancellationToken = default)
    {
        Groups[(cycle, group.Id)] = group;
        return Task.CompletedTask;
    }
}
