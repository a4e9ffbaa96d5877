using Benchmark.Core.Text;
using SkiaSharp;

namespace Benchmark.Reports.Layout;

/// <summary>The faces of the report font; a report uses no others.</summary>
internal enum FontFace
{
    Regular,
    Semibold,
    Italic,
}

/// <summary>How a piece of text looks: face, size in points, colour and line height as a multiple of the size.</summary>
internal readonly record struct TextStyle(FontFace Face, float Size, SKColor Colour, float LineHeight = 1.3f)
{
    public TextStyle With(FontFace face) => this with { Face = face };
}

/// <summary>
/// Everything that decides how a report looks, in one place: fonts, colours, sizes and margins.
/// Components ask the theme instead of carrying their own numbers, so one change restyles every report.
/// </summary>
internal sealed class ReportTheme
{
    /// <summary>The family name under which ScottPlot finds the report font.</summary>
    public const string FontFamily = "Source Sans 3";

    private static readonly Lock FontLock = new();
    private static readonly Dictionary<string, ReportFonts> FontsByDirectory = [];

    private readonly ReportFonts _fonts;

    private ReportTheme(ReportFonts fonts) => _fonts = fonts;
    /// <summary>A4 in points.</summary>
    public SKSize PageSize { get; init; } = new(595, 842);

    /// <summary>Page margins in points; the header and footer sit inside the top and bottom margins.</summary>
    public SKRect Margins { get; init; } = new(56, 72, 56, 64);

    // A neutral palette: dark grey-blue text and one dark blue accent. Every text colour has a contrast
    // ratio of at least 4.5:1 on white (WCAG AA), the body text even 13:1.
    public SKColor Text { get; init; } = SKColor.Parse("#1F2933");
    public SKColor Muted { get; init; } = SKColor.Parse("#52606D");
    public SKColor Accent { get; init; } = SKColor.Parse("#0B4F8A");
    public SKColor Rule { get; init; } = SKColor.Parse("#CBD2D9");
    public SKColor TableHeaderBackground { get; init; } = SKColor.Parse("#E4E7EB");
    public SKColor TableStripe { get; init; } = SKColor.Parse("#F5F7FA");

    /// <summary>Chart series colours: the Okabe–Ito palette, which stays distinguishable for colour-blind readers.</summary>
    public IReadOnlyList<SKColor> ChartColours { get; init; } =
    [
        new(0x00, 0x72, 0xB2), new(0xE6, 0x9F, 0x00), new(0x00, 0x9E, 0x73),
        new(0xCC, 0x79, 0xA7), new(0x56, 0xB4, 0xE9), new(0xD5, 0x5E, 0x00),
    ];

    /// <summary>Chart elements: the grey of a peer band and of grid lines, and the two ends of a sequential heat scale (light to dark, one hue, so it reads in grey too).</summary>
    public SKColor ChartBand { get; init; } = SKColor.Parse("#CBD2D9");
    public SKColor ChartGrid { get; init; } = SKColor.Parse("#E4E7EB");
    public SKColor HeatLow { get; init; } = SKColor.Parse("#EFF5FB");
    public SKColor HeatHigh { get; init; } = SKColor.Parse("#08306B");

    public TextStyle Body => new(FontFace.Regular, 10, Text);

    /// <summary>Under a chart: what it shows, in words.</summary>
    public TextStyle Caption => new(FontFace.Italic, 9, Muted);

    public TextStyle CoverTitle => new(FontFace.Semibold, 28, Accent, 1.15f);
    public TextStyle CoverSubtitle => new(FontFace.Regular, 14, Text, 1.3f);

    /// <summary>The one number a reader should remember (the index on the summary page).</summary>
    public TextStyle KeyFigure => new(FontFace.Semibold, 44, Accent, 1.1f);
    public TextStyle Small => new(FontFace.Regular, 8, Muted);
    public TextStyle TableText => new(FontFace.Regular, 9, Text, 1.25f);
    public TextStyle Link => new(FontFace.Regular, 10, Accent);

    public TextStyle Heading(int level) => level switch
    {
        1 => new(FontFace.Semibold, 20, Accent, 1.2f),
        2 => new(FontFace.Semibold, 14, Text, 1.2f),
        3 => new(FontFace.Semibold, 11.5f, Text, 1.2f),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Headings have levels 1 to 3."),
    };

    /// <summary>Vertical space between blocks, in points.</summary>
    public float BlockSpacing { get; init; } = 8;

    public float TableCellPadding { get; init; } = 4;

    /// <summary>
    /// Text as the PDF can draw it. Characters free text may not hold (in data stored before that rule) become a white
    /// square: SkiaSharp leaves out a whole run that holds a lone surrogate and draws controls as an unnamed glyph,
    /// which a reader copies out as NUL; the report font has no U+FFFD, which the HTML twin shows instead.
    /// </summary>
    public static string Printable(string text) => UnsafeText.Neutralise(text, UnprintableMark);

    /// <summary>U+25A1 WHITE SQUARE, in the font subset for this use.</summary>
    internal const char UnprintableMark = '\u25A1';

    /// <summary>The folder the build copies the fonts to (see fonts.md).</summary>
    public static string DefaultFontDirectory => Path.Combine(AppContext.BaseDirectory, "fonts");

    /// <summary>Loads the shipped fonts; throws when one is missing rather than falling back to a system font.</summary>
    public static ReportTheme Load(string? fontDirectory = null)
    {
        fontDirectory = Path.GetFullPath(fontDirectory ?? DefaultFontDirectory);

        // Typefaces live as long as the process: loading and subsetting happens once, and ScottPlot caches
        // the typefaces it resolves, so they must never be disposed.
        lock (FontLock)
        {
            if (!FontsByDirectory.TryGetValue(fontDirectory, out var fonts))
            {
                fonts = ReportFonts.Load(fontDirectory);
                FontsByDirectory[fontDirectory] = fonts;

                // ScottPlot resolves fonts by family name through a process-wide list. Without this it falls
                // back to a system font; handing it the same typefaces also lets the PDF embed each face once.
                ScottPlot.Fonts.FontResolvers.Insert(0, fonts);
            }

            return new ReportTheme(fonts);
        }
    }

    public SKTypeface Typeface(FontFace face) => _fonts.Typefaces[face];

    /// <summary>A new font for a style; the caller disposes it.</summary>
    public SKFont Font(TextStyle style) => new(Typeface(style.Face), style.Size)
    {
        // Subpixel positioning and no hinting keep glyph positions exact in vector output.
        Subpixel = true,
        Hinting = SKFontHinting.None,
        Edging = SKFontEdging.Antialias,
    };

    private sealed class ReportFonts(Dictionary<FontFace, SKTypeface> typefaces) : ScottPlot.IFontResolver
    {
        private static readonly (FontFace Face, string File)[] Files =
        [
            (FontFace.Regular, "SourceSans3-Regular.ttf"),
            (FontFace.Semibold, "SourceSans3-Semibold.ttf"),
            (FontFace.Italic, "SourceSans3-It.ttf"),
        ];

        public Dictionary<FontFace, SKTypeface> Typefaces { get; } = typefaces;

        public static ReportFonts Load(string directory)
        {
            var typefaces = new Dictionary<FontFace, SKTypeface>();
            foreach (var (face, file) in Files)
            {
                var path = Path.Combine(directory, file);
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException($"Report font {file} not found in {directory}; run scripts/setup.sh and build.", path);
                }

                using var data = SKData.CreateCopy(FontSubset.Subset(File.ReadAllBytes(path)));
                typefaces[face] = SKTypeface.FromData(data) ?? throw new InvalidDataException($"{path} is not a usable font.");
            }

            return new ReportFonts(typefaces);
        }

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName != FontFamily ? null : Typefaces[bold ? FontFace.Semibold : italic ? FontFace.Italic : FontFace.Regular];

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing width) =>
            CreateTypeface(fontName, weight >= ScottPlot.FontWeight.SemiBold, slant != ScottPlot.FontSlant.Upright);
    }
}
