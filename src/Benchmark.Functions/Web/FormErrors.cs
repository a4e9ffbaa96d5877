using System.Globalization;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;

namespace Benchmark.Functions.Web;

/// <summary>A problem with one form field, shown next to the field and in the summary at the top that links to it.</summary>
public sealed record FieldError(string FieldId, string Message);

/// <summary>The errors of one form submission, in the order of the fields on the page.</summary>
public sealed class FormErrors
{
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string fieldId, string message) => _errors.Add(new FieldError(fieldId, message));

    public string? For(string fieldId) => _errors.FirstOrDefault(e => e.FieldId == fieldId)?.Message;

    public bool Has(string fieldId) => _errors.Any(e => e.FieldId == fieldId);

    /// <summary>
    /// The pages' wording of <see cref="SubmissionJson.CheckText"/>, the rule every free text follows: too long, or holding a
    /// character <see cref="UnsafeText"/> refuses. Adds the error next to the field and returns true when the text is refused.
    /// </summary>
    public bool AddIfRefused(string fieldId, string? value, WebText text)
    {
        if (value is { Length: > SubmissionJson.MaxTextLength })
        {
            Add(fieldId, text.Say(
                $"Deze tekst is {value.Length} tekens lang; er passen er {SubmissionJson.MaxTextLength}. Maak hem korter.",
                $"This text is {value.Length} characters long; {SubmissionJson.MaxTextLength} fit. Make it shorter."));
            return true;
        }

        if (UnsafeText.Find(value) is not { } found)
        {
            return false;
        }

        var position = found.Position.ToString(CultureInfo.InvariantCulture);
        var (nl, en) = found.Kind switch
        {
            UnsafeKind.Control => ("een stuurteken", "a control character"),
            UnsafeKind.Bidirectional => ("een teken dat de leesrichting omdraait", "a character that reverses the reading direction"),
            UnsafeKind.LoneSurrogate => ("een half teken", "half a character"),
            _ => ("een niet-teken", "a noncharacter"),
        };
        Add(fieldId, text.Say(
            $"Deze tekst bevat {nl} ({found.Code}) op positie {position}, dat u niet ziet maar dat de tekst elders kan verstoren. Haal het weg; tabs en regeleinden mogen wel.",
            $"This text contains {en} ({found.Code}) at position {position}, which you do not see but which can garble the text elsewhere. Remove it; tabs and line breaks are fine."));
        return true;
    }
}
