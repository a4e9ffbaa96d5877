using System.Security.Claims;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;

namespace Benchmark.Functions.Web;

public static class WebUser
{
    /// <summary>The municipality of a municipality or council session.</summary>
    public static string Municipality(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.MunicipalityClaim) ?? throw new InvalidOperationException("This session has no municipality.");
}

/// <summary>Status words as a municipality and an analyst read them.</summary>
public static class StatusWords
{
    public static string Of(SubmissionStatus? status, WebText text) => status switch
    {
        null => text.Say("Nog niet begonnen", "Not started"),
        SubmissionStatus.Draft => text.Say("Concept", "Draft"),
        SubmissionStatus.Submitted => text.Say("Ingediend", "Submitted"),
        SubmissionStatus.Approved => text.Say("Goedgekeurd", "Approved"),
        SubmissionStatus.Rejected => text.Say("Afgekeurd", "Rejected"),
        _ => status.ToString()!,
    };

    public static string Of(CycleStatus status, WebText text) => status switch
    {
        CycleStatus.Open => text.Say("Open", "Open"),
        _ => text.Say("Gesloten", "Closed"),
    };
}
