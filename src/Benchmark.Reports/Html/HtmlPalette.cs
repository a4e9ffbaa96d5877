using System.Globalization;
using Benchmark.Reports.Layout;
using SkiaSharp;

namespace Benchmark.Reports.Html;

/// <summary>
/// The report theme's colours as CSS hex strings, plus the few derived colours the HTML charts need.
/// Text colours reach 4.5:1 against their background, chart marks 3:1 against white (WCAG 2.1 AA, 1.4.3 and 1.4.11);
/// the tests check it.
/// </summary>
internal sealed class HtmlPalette
{
    /// <summary>Where along the way from the lightest to the accent colour each heat-map step lies (levels 1 to 5).
    /// The middle is skipped: there neither dark nor white text would reach 4.5:1.</summary>
    private static readonly double[] HeatStops = [0.1, 0.3, 0.5, 0.8, 1.0];

    public HtmlPalette(ReportTheme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        Background = Hex(SKColors.White);
        Text = Hex(theme.Text);
        Muted = Hex(theme.Muted);
        Accent = Hex(theme.Accent);
        Rule = Hex(theme.Rule);
        TableHeader = Hex(theme.TableHeaderBackground);
        Stripe = Hex(theme.TableStripe);

        // Okabe–Ito blue for the municipality, vermillion for the peers: both at least 3:1 on white.
        Own = Hex(theme.ChartColours[0]);
        Peer = Hex(theme.ChartColours[5]);
        BoxFill = Hex(Mix(SKColors.White, theme.ChartColours[0], 0.2));
        HeatSteps = HeatStops.Select(t => Hex(Mix(theme.TableStripe, theme.Accent, t))).ToList();
        HeatText = HeatSteps.Select(step => Contrast(step, Text) >= Contrast(step, Background) ? Text : Background).ToList();
    }

    public string Background { get; }

    public string Text { get; }

    public string Muted { get; }

    public string Accent { get; }

    public string Rule { get; }

    public string TableHeader { get; }

    public string Stripe { get; }

    public string Own { get; }

    public string Peer { get; }

    /// <summary>The peers' band: the rule colour, outlined in <see cref="Muted"/> so its edges reach 3:1.</summary>
    public string Band => Rule;

    public string BandEdge => Muted;

    public string Grid => TableHeader;

    public string BoxFill { get; }

    /// <summary>Heat-map fills for mean levels 1 to 5, light to dark.</summary>
    public IReadOnlyList<string> HeatSteps { get; }

    /// <summary>The text colour on each heat-map step.</summary>
    public IReadOnlyList<string> HeatText { get; }

    public static string Hex(SKColor colour) =>
        string.Create(CultureInfo.InvariantCulture, $"#{colour.Red:X2}{colour.Green:X2}{colour.Blue:X2}");

    /// <summary>The WCAG 2.1 contrast ratio of two "#RRGGBB" colours.</summary>
    public static double Contrast(string first, string second)
    {
        var a = Luminance(SKColor.Parse(first));
        var b = Luminance(SKColor.Parse(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(SKColor colour)
    {
        static double Channel(byte value)
        {
            var c = value / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(colour.Red)) + (0.7152 * Channel(colour.Green)) + (0.0722 * Channel(colour.Blue));
    }

    private static SKColor Mix(SKColor from, SKColor to, double t)
    {
        static byte Channel(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t), MidpointRounding.AwayFromZero);
        return new SKColor(Channel(from.Red, to.Red, t), Channel(from.Green, to.Green, t), Channel(from.Blue, to.Blue, t));
    }
}
