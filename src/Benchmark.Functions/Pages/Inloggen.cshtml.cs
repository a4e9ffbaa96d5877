using Benchmark.Core.Workflow;
using Benchmark.Functions.Security;
using Benchmark.Functions.Web;
using Benchmark.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>Signing in with the municipality's (or analyst's) key; afterwards the session cookie stands in for it.</summary>
public sealed class InloggenModel(KeyCache keys, WebText text) : PageModel
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
        var key = sleutel?.Trim() ?? "";
        if (key.Length == 0)
        {
            Errors.Add("sleutel", text.Say("Vul de sleutel in.", "Enter the key."));
            return Page();
        }

        var found = await keys.FindAsync(key, HttpContext.RequestAborted);
        if (found is null)
        {
            Errors.Add("sleutel", text.Say("Deze sleutel kennen we niet. Controleer of u hem helemaal hebt gekopieerd, te beginnen met bmk_.", "We do not know this key. Check that you copied all of it, starting with bmk_."));
            return Page();
        }

        if (!found.IsActive)
        {
            Errors.Add("sleutel", text.Say("Deze sleutel is ingetrokken. Vraag de analisten om een nieuwe.", "This key was revoked. Ask the analysts for a new one."));
            return Page();
        }

        await HttpContext.SignInAsync(WebPages.SessionScheme, WebPages.Principal(found, KeyStore.Hash(key)));
        var home = found.Role == Role.Analyst ? "/analist" : "/gemeente";
        return LocalRedirect(ReturnUrl ?? home);
    }
}
