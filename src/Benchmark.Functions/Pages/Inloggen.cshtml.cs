using Benchmark.Core.Application;
using System.Globalization;
using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>Signing in with the municipality's (or analyst's) key; afterwards the session cookie stands in for it.</summary>
public sealed partial class InloggenModel(
    KeyCache keys,
    SessionStore sessions,
    FailedAuthentications failures,
    WebSecuritySettings security,
    AuditStore audit,
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

        var found = await keys.FindAsync(key, HttpContext.RequestAborted);
        if (found is not { IsActive: true })
        {
            await RecordFailureAsync(key, found);
            Errors.Add("sleutel", found is null
                ? text.Say("Deze sleutel kennen we niet. Controleer of u hem helemaal hebt gekopieerd, te beginnen met bmk_.", "We do not know this key. Check that you copied all of it, starting with bmk_.")
                : text.Say("Deze sleutel is ingetrokken. Vraag de analisten om een nieuwe.", "This key was revoked. Ask the analysts for a new one."));
            return Page();
        }

        var sessionId = await sessions.StartAsync(KeyStore.Hash(key), found.KeyId, security.SessionMaxLifetime, HttpContext.RequestAborted);
        await HttpContext.SignInAsync(WebPages.SessionScheme, WebPages.Principal(found, sessionId));
        await audit.AppendAsync(AuditAreas.SignIn, found.KeyId, "signed-in", found.KeyId, $"from {FailedAuthentications.ClientPartition(client)}", HttpContext.RequestAborted);
        var home = found.Role == Role.Analyst ? "/analist" : "/gemeente";
        return LocalRedirect(ReturnUrl ?? home);
    }

    private PageResult Page429()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status429TooManyRequests;
        return page;
    }

    private async Task RecordFailureAsync(string key, ApiKeyInfo? found)
    {
        var client = HttpContext.Connection.RemoteIpAddress;
        failures.Record(client);
        var from = FailedAuthentications.ClientPartition(client);

        // Never the key itself: its public id when it is one of ours, or only that it was not.
        var subject = found?.KeyId ?? "(unknown key)";
        var reason = found is null ? "unknown key" : "revoked key";
        LogFailedSignIn(logger, reason, subject, from);
        await audit.AppendAsync(AuditAreas.SignIn, found?.KeyId ?? "anonymous", "sign-in-failed", subject, $"{reason} from {from}", HttpContext.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failed sign-in ({Reason}, key {KeyId}) from {Client}")]
    private static partial void LogFailedSignIn(ILogger logger, string reason, string keyId, string client);
}
