using System.Runtime.InteropServices;

namespace Benchmark.Reports.Layout;

/// <summary>
/// Cuts a font down to the characters Dutch and English reports use. SkiaSharp's PDF backend is built
/// without a font subsetter and embeds every font whole (400 KB per face for Source Sans 3), so the
/// report fonts are subset once, with HarfBuzz's hb-subset from the native library that ships with
/// SkiaSharp's HarfBuzz package, before Skia sees them.
/// </summary>
internal static partial class FontSubset
{
    /// <summary>
    /// Latin with Latin-1 and Latin Extended-A (Frisian, names), typographic punctuation, €, arrows, minus and ≤ ≥, and the
    /// white square that stands for a character text may not hold (<see cref="ReportTheme.Printable"/>).
    /// </summary>
    internal static readonly (int First, int Last)[] Characters =
    [
        (0x0020, 0x007E), (0x00A0, 0x017F), (0x2010, 0x2027), (0x2030, 0x2030), (0x2039, 0x203A),
        (0x20AC, 0x20AC), (0x2122, 0x2122), (0x2190, 0x2193), (0x2212, 0x2212), (0x2264, 0x2265),
        (ReportTheme.UnprintableMark, ReportTheme.UnprintableMark),
    ];

    private const string Library = "libHarfBuzzSharp";
    private const int MemoryModeDuplicate = 0;

    // Hinting instructions only matter for screen rasterisation at small pixel sizes, not in PDF.
    private const uint FlagNoHinting = 0x1;

    internal static byte[] Subset(byte[] font)
    {
        var blob = IntPtr.Zero;
        var face = IntPtr.Zero;
        var input = IntPtr.Zero;
        var subset = IntPtr.Zero;
        var result = IntPtr.Zero;
        try
        {
            blob = BlobCreate(font, (uint)font.Length, MemoryModeDuplicate, IntPtr.Zero, IntPtr.Zero);
            face = FaceCreate(blob, 0);
            input = SubsetInputCreate();
            var unicodes = SubsetInputUnicodeSet(input);
            foreach (var (first, last) in Characters)
            {
                SetAddRange(unicodes, (uint)first, (uint)last);
            }

            SubsetInputSetFlags(input, FlagNoHinting);
            subset = SubsetOrFail(face, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException("HarfBuzz could not subset the report font.");
            }

            result = FaceReferenceBlob(subset);
            var data = BlobGetData(result, out var length);
            var bytes = new byte[length];
            Marshal.Copy(data, bytes, 0, (int)length);
            return bytes;
        }
        finally
        {
            BlobDestroy(result);
            FaceDestroy(subset);
            SubsetInputDestroy(input);
            FaceDestroy(face);
            BlobDestroy(blob);
        }
    }

    [LibraryImport(Library, EntryPoint = "hb_blob_create")]
    private static partial IntPtr BlobCreate(byte[] data, uint length, int mode, IntPtr userData, IntPtr destroy);

    [LibraryImport(Library, EntryPoint = "hb_blob_get_data")]
    private static partial IntPtr BlobGetData(IntPtr blob, out uint length);

    [LibraryImport(Library, EntryPoint = "hb_blob_destroy")]
    private static partial void BlobDestroy(IntPtr blob);

    [LibraryImport(Library, EntryPoint = "hb_face_create")]
    private static partial IntPtr FaceCreate(IntPtr blob, uint index);

    [LibraryImport(Library, EntryPoint = "hb_face_reference_blob")]
    private static partial IntPtr FaceReferenceBlob(IntPtr face);

    [LibraryImport(Library, EntryPoint = "hb_face_destroy")]
    private static partial void FaceDestroy(IntPtr face);

    [LibraryImport(Library, EntryPoint = "hb_subset_input_create_or_fail")]
    private static partial IntPtr SubsetInputCreate();

    [LibraryImport(Library, EntryPoint = "hb_subset_input_unicode_set")]
    private static partial IntPtr SubsetInputUnicodeSet(IntPtr input);

    [LibraryImport(Library, EntryPoint = "hb_subset_input_set_flags")]
    private static partial void SubsetInputSetFlags(IntPtr input, uint flags);

    [LibraryImport(Library, EntryPoint = "hb_subset_input_destroy")]
    private static partial void SubsetInputDestroy(IntPtr input);

    [LibraryImport(Library, EntryPoint = "hb_set_add_range")]
    private static partial void SetAddRange(IntPtr set, uint first, uint last);

    [LibraryImport(Library, EntryPoint = "hb_subset_or_fail")]
    private static partial IntPtr SubsetOrFail(IntPtr face, IntPtr input);
}
