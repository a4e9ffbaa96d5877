using Benchmark.Core.Application;
using Benchmark.Functions.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Benchmark.Functions.Pages.Gemeente;

/// <summary>One round: status, deadline, progress per domain, where to go on, and the way to submit and to the results.</summary>
public sealed class RondeModel(SubmissionService service) : PageModel
{
    public MunicipalityRound Round { get; private set; } = null!;

    public bool Submitted { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, bool ingediend = false)
    {
        var round = await MunicipalityRound.LoadAsync(User, year, service, HttpContext.RequestAborted);
        if (round is null)
        {
            return NotFound();
        }

        Round = round;
        Submitted = ingediend;
        return Page();
    }
}
