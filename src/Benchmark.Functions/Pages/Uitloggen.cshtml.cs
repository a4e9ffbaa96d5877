using Benchmark.Core.Application;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>Signing out is a form post (with its antiforgery token), so another site cannot sign a user out with a link.</summary>
public sealed class UitloggenModel(SignInService signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        // The session ends on the server, so a copy of the cookie (another tab, or one that was stolen) stops working too.
        if (User.FindFirst(WebPages.SessionIdClaim)?.Value is { } sessionId)
        {
            await signIn.SignOutAsync(sessionId, HttpContext.RequestAborted);
        }

        await HttpContext.SignOutAsync(WebPages.SessionScheme);
        return LocalRedirect("/inloggen?uitgelogd=true");
    }
}
