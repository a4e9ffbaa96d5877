namespace Benchmark.Reports.Layout;

/// <summary>
/// Blocks that belong on one page (a chart with its caption, a short list): when they do not fit in what is
/// left of the page they move to the next one. Taller than a whole page, they break as usual.
/// </summary>
internal sealed class KeepTogether(params IReadOnlyList<IBlock> blocks) : IBlock
{
    public IEnumerable<Slice> Layout(LayoutContext context)
    {
        var slices = blocks.SelectMany(b => b.Layout(context)).ToList();

        // Leading space stays separate so it can still be dropped at the top of a page.
        var lead = slices.TakeWhile(s => s.DroppedAtPageTop).ToList();
        var body = slices.Skip(lead.Count).ToList();
        var height = body.Sum(s => s.Height);
        if (height > context.PageBodyHeight)
        {
            return slices;
        }

        return [.. lead, new Slice(height, (canvas, at) =>
        {
            var y = at.Y;
            foreach (var slice in body)
            {
                slice.Draw(canvas, new(at.X, y));
                y += slice.Height;
            }
        })
        {
            Anchor = body.Select(s => s.Anchor).FirstOrDefault(a => a is not null),
        }];
    }
}
