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
}
