using System.Security.Claims;
using Benchmark.Core.Workflow;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages;

/// <summary>The front door sends each visitor to their own start page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => User.FindFirstValue(ClaimTypes.Role) switch
    {
        nameof(Role.Analyst) => Redirect("/analist"),
        nameof(Role.Municipality) or nameof(Role.Council) => Redirect("/gemeente"),
        _ => Redirect("/inloggen"),
    };
}
