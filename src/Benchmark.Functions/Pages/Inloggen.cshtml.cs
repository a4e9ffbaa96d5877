using System.Globalization;
using Benchmark.Core.Application;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>
/// Signing in with the municipality's (or analyst's) key; afterwards the session cookie stands in for it. Which keys
/// start a session, and the audit of every attempt, are <see cref="SignInService"/>'s; this page slows down a client
/// that keeps guessing and words the refusals.
/// </summary>
public sealed partial class InloggenModel(
    SignInService signIn,
    FailedAuthentications failures,
    WebSecuritySettings security,
    WebText text,
    ILogger<InloggenModel> logger) : PageModel
{
    public FormErrors Errors { get; } = new();

    public string? ReturnUrl { get; private set; }

    public bool SignedOut { get; private set; }

    public void OnGet(string? terug, bool uitgelogd = false)
    {
        ReturnUrl = LocalUrl.IsLocal(terug) ? terug : null;
        SignedOut = uitgelogd;
    }

    public async Task<IActionResult> OnPostAsync(string? sleutel, string? terug)
    {
        ReturnUrl = LocalUrl.IsLocal(terug) ? terug : null;
        var client = HttpContext.Connection.RemoteIpAddress;
        if (failures.RetryAfter(client) is { } wait)
        {
            // Not even looked up: a client that keeps sending wrong keys waits, and costs storage nothing meanwhile.
            var minutes = (int)Math.Ceiling(wait.TotalMinutes);
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            Errors.Add("sleutel", text.Say(
                $"Er is vanaf dit adres te vaak een verkeerde sleutel ingevuld. Probeer het over {minutes} {(minutes == 1 ? "minuut" : "minuten")} opnieuw.",
                $"A wrong key was entered from this address too often. Try again in {minutes} {(minutes == 1 ? "minute" : "minutes")}."));
            return Page429();
        }

        var key = sleutel?.Trim() ?? "";
        if (key.Length == 0)
        {
            Errors.Add("sleutel", text.Say("Vul de sleutel in.", "Enter the key."));
            return Page();
        }

        var from = FailedAuthentications.ClientPartition(client);
        var outcome = await signIn.SignInAsync(new SignIn(key, from, security.SessionMaxLifetime), HttpContext.RequestAborted);
        if (outcome.Failed)
        {
            var revoked = outcome.Refusal.Code == SignInRefusals.RevokedKey;
            failures.Record(client);
            LogFailedSignIn(logger, revoked ? "revoked key" : "unknown key", outcome.Refusal.Detail, from);
            Errors.Add("sleutel", revoked
                ? text.Say("Deze sleutel is ingetrokken. Vraag de analisten om een nieuwe.", "This key was revoked. Ask the analysts for a new one.")
                : text.Say("Deze sleutel kennen we niet. Controleer of u hem helemaal hebt gekopieerd, te beginnen met bmk_.", "We do not know this key. Check that you copied all of it, starting with bmk_."));
            return Page();
        }

        var (found, sessionId) = outcome.Value;
        await HttpContext.SignInAsync(WebPages.SessionScheme, WebPages.Principal(found, sessionId));
        var home = found.Role == Role.Analyst ? "/analist" : "/gemeente";
        return LocalRedirect(ReturnUrl ?? home);
    }

    private PageResult Page429()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }

    /// <summary>Never the key itself: the refusal names its public id when it is one of ours, or only that it was not.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in ({Reason}) from {Client}: {Detail}")]
    private static partial void LogFailedSignIn(ILogger logger, string reason, string detail, string client);
}
