using System.Text.Encodings.Web;
using Benchmark.Core.Text;

namespace Benchmark.Functions.Web;

/// <summary>
/// The pages' HTML encoder: the framework's default, except that a character the service refuses in free text
/// (a control, a bidi override, a noncharacter; see <see cref="UnsafeText"/>) comes out as U+FFFD. The default writes
/// U+202E as a character reference, which the browser turns back into the override, so text stored before the
/// service refused it could still reverse the rest of a line on a page.
/// </summary>
public sealed class PageTextEncoder : HtmlEncoder
{
    private static readonly HtmlEncoder Inner = HtmlEncoder.Default;

    public override int MaxOutputCharactersPerInputCharacter => Inner.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var first = Inner.FindFirstCharacterToEncode(text, textLength);
        for (var i = 0; i < (first < 0 ? textLength : first); i++)
        {
            if (UnsafeText.Classify(text[i]) is not null)
            {
                return i;
            }
        }

        return first;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (UnsafeText.Classify(unicodeScalar) is null)
        {
            return Inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
        }

        const string replacement = "&#xFFFD;";
        if (bufferLength < replacement.Length)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        for (var i = 0; i < replacement.Length; i++)
        {
            buffer[i] = replacement[i];
        }

        numberOfCharactersWritten = replacement.Length;
        return true;
    }

    public override bool WillEncode(int unicodeScalar) => UnsafeText.Classify(unicodeScalar) is not null || Inner.WillEncode(unicodeScalar);
}
