using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>The language switch: remembers the choice for a year and returns to the same page.</summary>
public sealed class TaalModel(Security.WebSecuritySettings security) : PageModel
{
    public IActionResult OnGet(string code, string? terug)
    {
        if (code is not ("nl" or "en"))
        {
            return NotFound();
        }

        Response.Cookies.Append(WebText.CookieName, code, new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps || !security.LocalDevelopment,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return LocalRedirect(LocalUrl.OrHome(terug));
    }
}
