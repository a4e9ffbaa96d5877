using System.Globalization;
using System.Net;
using System.Text;
using Benchmark.Core.Benchmarking;
using Benchmark.Core.Text;
using Microsoft.AspNetCore.Html;

namespace Benchmark.Functions.Web;

/// <summary>
/// The distribution of one building block's scores (1 to 5) as a small inline SVG box plot. Drawn here rather than with
/// the reports' SvgCharts because that class is internal to Benchmark.Reports. Colours are SVG presentation attributes
/// (the pages' CSP allows no style attributes); text is dark on white and every mark reaches 3:1 against white.
/// </summary>
public static class AnalystCharts
{
    public const int Width = 640;
    public const int Height = 120;

    private const string Text = "#1a1a1a";
    private const string Muted = "#4d4d4d";
    private const string Grid = "#c4c4c4";
    private const string BoxFill = "#d4e3f6";
    private const string BoxEdge = "#1d4f91";
    private const string Mean = "#a02a1a";

    private const double Left = 30;
    private const double Right = Width - 30;
    private const double Middle = 50;

    /// <summary>The box plot: whisker from lowest to highest, box from P25 to P75, a thick line at the median, a diamond at the mean.</summary>
    /// <param name="title">The SVG's own title (its accessible name, together with the description).</param>
    /// <param name="labelledBy">Ids of the visible title and description around the chart.</param>
    public static IHtmlContent BoxPlot(Distribution d, string title, string labelledBy, WebText text)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"analist-chart\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{E(labelledBy)}\" focusable=\"false\">");
        svg.Append("<title>").Append(E(title)).Append("</title>");
        for (var tick = 1; tick <= 5; tick++)
        {
            var x = X(tick);
            Line(svg, x, 20, x, 80, Grid, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"100\" text-anchor=\"middle\" font-size=\"13\" fill=\"{Muted}\">{tick}</text>");
        }

        Line(svg, Left, 80, Right, 80, Muted, 1);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left)}\" y=\"116\" font-size=\"12\" fill=\"{Muted}\">{E(text.Say("score (1 tot 5)", "score (1 to 5)"))}</text>");

        Line(svg, X(d.Min), Middle, X(d.Max), Middle, Muted, 2);
        foreach (var end in new[] { d.Min, d.Max })
        {
            Line(svg, X(end), Middle - 8, X(end), Middle + 8, Muted, 2);
        }

        var boxWidth = Math.Max(X(d.P75) - X(d.P25), 2);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(X(d.P25))}\" y=\"{N(Middle - 14)}\" width=\"{N(boxWidth)}\" height=\"28\" fill=\"{BoxFill}\" stroke=\"{BoxEdge}\" stroke-width=\"1.5\"/>");
        Line(svg, X(d.Median), Middle - 17, X(d.Median), Middle + 17, Text, 3);
        var m = X(d.Mean);
        svg.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{N(m)},{N(Middle - 7)} {N(m + 7)},{N(Middle)} {N(m)},{N(Middle + 7)} {N(m - 7)},{N(Middle)}\" fill=\"{Mean}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Right)}\" y=\"14\" text-anchor=\"end\" font-size=\"13\" fill=\"{Text}\">n = {d.N}</text>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>The chart in words: what the box shows and where the middle lies.</summary>
    public static string Describe(Distribution d, string block, WebText text)
    {
        string F(decimal v) => Numbers.Format(v, 1, text.Language);
        return text.Say(
            $"Spreiding van de scores van {block} over {d.N} gemeenten. De helft scoort tussen {F(d.P25)} en {F(d.P75)}; de middelste score is {F(d.Median)}, het gemiddelde {F(d.Mean)}. De laagste score is {F(d.Min)}, de hoogste {F(d.Max)}.",
            $"Spread of the scores of {block} across {d.N} municipalities. Half score between {F(d.P25)} and {F(d.P75)}; the middle score is {F(d.Median)}, the mean {F(d.Mean)}. The lowest score is {F(d.Min)}, the highest {F(d.Max)}.");
    }

    private static double X(decimal value) => Left + ((Right - Left) * (double)(Math.Clamp(value, 1m, 5m) - 1m) / 4);

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string colour, double width) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{colour}\" stroke-width=\"{N(width)}\"/>");

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
