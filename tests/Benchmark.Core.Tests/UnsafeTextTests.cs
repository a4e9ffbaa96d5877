using System.Text;
using System.Xml;
using Benchmark.Core.Register;
using Benchmark.Core.Submissions;
using Benchmark.Core.Text;
using CsCheck;

namespace Benchmark.Core.Tests;

public sealed class UnsafeTextTests
{
    [Theory]
    [InlineData(0x0000, UnsafeKind.Control)]
    [InlineData(0x001B, UnsafeKind.Control)]
    [InlineData(0x000B, UnsafeKind.Control)]
    [InlineData(0x007F, UnsafeKind.Control)]
    [InlineData(0x0085, UnsafeKind.Control)]
    [InlineData(0x009B, UnsafeKind.Control)]
    [InlineData(0x202A, UnsafeKind.Bidirectional)]
    [InlineData(0x202E, UnsafeKind.Bidirectional)]
    [InlineData(0x2066, UnsafeKind.Bidirectional)]
    [InlineData(0x2069, UnsafeKind.Bidirectional)]
    [InlineData(0xD800, UnsafeKind.LoneSurrogate)]
    [InlineData(0xDFFF, UnsafeKind.LoneSurrogate)]
    [InlineData(0xFDD0, UnsafeKind.Noncharacter)]
    [InlineData(0xFFFE, UnsafeKind.Noncharacter)]
    [InlineData(0xFFFF, UnsafeKind.Noncharacter)]
    [InlineData(0x1FFFE, UnsafeKind.Noncharacter)]
    [InlineData(0x10FFFF, UnsafeKind.Noncharacter)]
    public void ControlsBidirectionalOverridesSurrogatesAndNoncharactersAreUnsafe(int codePoint, UnsafeKind kind) =>
        Assert.Equal(kind, UnsafeText.Classify(codePoint));

    [Theory]
    [InlineData(0x0009)]
    [InlineData(0x000A)]
    [InlineData(0x000D)]
    [InlineData(0x0020)]
    [InlineData(0x00A0)]
    [InlineData(0x00E2)]
    [InlineData(0x200B)]
    [InlineData(0x200E)]
    [InlineData(0x200F)]
    [InlineData(0x2028)]
    [InlineData(0xFEFF)]
    [InlineData(0xFFFD)]
    [InlineData(0x1F600)]
    public void TabLineBreaksLettersMarksAndEmojiAreAllowed(int codePoint) => Assert.Null(UnsafeText.Classify(codePoint));

    [Fact]
    public void TheFirstUnsafeCharacterIsFoundWithItsPositionCountedFromOne()
    {
        var found = UnsafeText.Find("ok 😀\u001B[31m\u202E");

        Assert.Equal(new UnsafeCharacter(6, 0x1B, UnsafeKind.Control), found);
        Assert.Equal("U+001B", found!.Value.Code);
    }

    [Fact]
    public void TheProblemNamesTheKindTheCodePointAndThePosition() =>
        Assert.Equal(
            "contains a bidirectional formatting character (U+202E) at position 4; text may hold tabs and line breaks, but no other control characters, bidirectional overrides or noncharacters",
            UnsafeText.Problem("abc\u202Efed"));

    [Fact]
    public void ALoneSurrogateIsFoundButAPairIsNot()
    {
        Assert.Null(UnsafeText.Find("\uD83D\uDE00"));
        Assert.Equal(new UnsafeCharacter(2, 0xD83D, UnsafeKind.LoneSurrogate), UnsafeText.Find("a\uD83Db"));
        Assert.Equal(new UnsafeCharacter(2, 0xDE00, UnsafeKind.LoneSurrogate), UnsafeText.Find("a\uDE00\uD83D\uDE00"));
    }

    [Fact]
    public void EscapingWritesEveryUnsafeCharacterAsItsCodeAndLeavesTheRest() =>
        Assert.Equal(
            @"Zaak\u0000systeem \u001B[31mrood é😀 \u202Eesrever\u202C \uD800 \U0001FFFE" + "\tregel\r\n",
            UnsafeText.Escape("Zaak\0systeem \u001B[31mrood é😀 \u202Eesrever\u202C \uD800 \U0001FFFE\tregel\r\n"));

    [Fact]
    public void NeutralisingReplacesEveryUnsafeCharacterByOne() =>
        Assert.Equal("a\uFFFDb\uFFFD😀\uFFFD\t\n", UnsafeText.Neutralise("a\0b\uD800😀\U0010FFFF\t\n"));

    /// <summary>Any text at all: mostly ordinary letters, with controls, bidirectional characters, halves of pairs and pairs mixed in.</summary>
    private static readonly Gen<string> AnyText = Gen.Frequency(
            (6, Gen.Char['a', 'z']),
            (2, Gen.Char['\0', '\u00A0']),
            (1, Gen.Char['\u2020', '\u2070']),
            (1, Gen.Char['\uD800', '\uDFFF']),
            (1, Gen.Char['\uFDD0', '\uFFFF']))
        .Array[0, 40].Select(chars => new string(chars));

    [Fact]
    public void NeutralisedTextIsSafeAndWritesAsXml() =>
        AnyText.Sample(text =>
        {
            var neutral = UnsafeText.Neutralise(text);

            Assert.Null(UnsafeText.Find(neutral));
            Assert.Equal(neutral, UnsafeText.Neutralise(neutral));
            var xml = new StringBuilder();
            using (var writer = XmlWriter.Create(xml, new XmlWriterSettings { CheckCharacters = true }))
            {
                writer.WriteElementString("p", neutral);
            }
        });

    [Fact]
    public void TextWithoutUnsafeCharactersIsLeftExactlyAsItIs() =>
        AnyText.Where(text => UnsafeText.Find(text) is null).Sample(text =>
        {
            Assert.Same(text, UnsafeText.Neutralise(text));
            Assert.Same(text, UnsafeText.Escape(text));
        });

    [Fact]
    public void EscapedTextHoldsNoUnsafeCharacterAndOnlyGrowsWhereOneWas() =>
        AnyText.Sample(text =>
        {
            var escaped = UnsafeText.Escape(text);

            Assert.Null(UnsafeText.Find(escaped));
            Assert.Equal(UnsafeText.Find(text) is null, escaped.Length == text.Length);
        });

    [Theory]
    [InlineData("\"explanation\":\"zie \\u001b[2J bijlage\"", "/answers/digid.niveau/explanation", "a control character (U+001B) at position 5")]
    [InlineData("\"explanation\":\"nul\\u0000\"", "/answers/digid.niveau/explanation", "a control character (U+0000) at position 4")]
    [InlineData("\"explanation\":\"\\u202egnipmaS\"", "/answers/digid.niveau/explanation", "a bidirectional formatting character (U+202E) at position 1")]
    [InlineData("\"explanation\":\"half \\ud800 teken\"", "/answers/digid.niveau/explanation", "half of a surrogate pair (U+D800) at position 6")]
    [InlineData("\"explanation\":\"x\",\"practiceNote\":{\"text\":\"goed\\u0007\"}", "/answers/digid.niveau/practiceNote/text", "(U+0007)")]
    [InlineData("\"explanation\":\"x\",\"practiceNote\":{\"text\":\"goed\",\"contactRole\":\"CISO\\u2066\"}", "/answers/digid.niveau/practiceNote/contactRole", "(U+2066)")]
    public void AnExplanationOrPracticeNoteWithAnUnsafeCharacterIsRefusedAtItsPointer(string answer, string pointer, string message)
    {
        var json = "{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"answers\":{\"digid.niveau\":{\"value\":3," + answer + "}}}";

        var (submission, errors) = SubmissionJson.Read(json, TestData.Example.Version, ValidationMode.Draft);

        Assert.Null(submission);
        var error = Assert.Single(errors);
        Assert.Equal(pointer, error.Pointer);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANotApplicableReasonAndATextAnswerWithUnsafeCharactersAreRefusedAtTheirPointers()
    {
        var json = "{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"answers\":{"
                   + "\"mijnoverheid.niveau\":{\"notApplicable\":true,\"reason\":\"geen \\u009b\"},"
                   + "\"bio.toelichting\":{\"value\":\"tekst \\ufffe\"}}}";

        var (_, errors) = SubmissionJson.Read(json, TestData.Example.Version, ValidationMode.Draft);

        Assert.Equal(["/answers/mijnoverheid.niveau/reason", "/answers/bio.toelichting/value"], errors.Select(e => e.Pointer));
    }

    [Fact]
    public void TabsAndLineBreaksInAnExplanationAreKept()
    {
        var json = "{\"municipality\":\"GM9999\",\"cycle\":2026,\"questionnaire\":\"2026\",\"answers\":{\"digid.niveau\":{\"value\":3,\"explanation\":\"a\\tb\\r\\nc\"}}}";

        var submission = TestData.ReadValid(json, TestData.Example);

        Assert.Equal("a\tb\r\nc", submission.Answers["digid.niveau"].Explanation);
    }

    [Fact]
    public void ARegisterRowWithAControlCharacterInItsNameIsReportedWithItsLineAndNothingIsImported()
    {
        var csv = "gm_code,cbs_naam,naam_kort,provincie,inwoners\nGM0001,Eerste,Eerste,Utrecht,12000\nGM0002,Twee\u001B[2Jde,Tweede,Utrecht,12000\n";

        var result = RegisterImporter.Import("test.csv", csv, 2026);

        Assert.Null(result.Register);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("name contains a control character (U+001B) at position 5", problem.Message, StringComparison.Ordinal);
    }
}
