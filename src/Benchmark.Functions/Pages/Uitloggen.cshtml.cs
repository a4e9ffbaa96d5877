using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>Signing out is a form post (with its antiforgery token), so another site cannot sign a user out with a link.</summary>
public sealed class UitloggenModel : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(WebPages.SessionScheme);
        return LocalRedirect("/inloggen?uitgelogd=true");
    }
}
