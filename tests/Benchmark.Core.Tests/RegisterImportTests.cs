using Benchmark.Core.Register;

namespace Benchmark.Core.Tests;

public sealed class RegisterImportTests
{
    private const string Header = "gm_code,cbs_naam,naam_kort,provincie,inwoners\n";

    private static RegisterImportResult Import(string csv, IReadOnlyDictionary<string, string>? mapping = null) =>
        RegisterImporter.Import("test.csv", csv, 2026, mapping);

    [Fact]
    public void TheRealRegisterOf342MunicipalitiesImportsAsItIs()
    {
        var result = RegisterImporter.Import("gemeenten.csv", File.ReadAllText(RepositoryPaths.RealRegisterCsv), 2026);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var municipalities = result.Register!.Municipalities;
        Assert.Equal(342, municipalities.Count);
        Assert.Equal([5, 5, 54, 181, 65, 14, 14, 4], SizeClass.All.Select(c => municipalities.Count(m => m.SizeClass == c)));
        Assert.Equal(12, municipalities.Select(m => m.Province).Distinct().Count());
        Assert.Contains(municipalities, m => m.Name == "'s-Gravenhage" && m.ShortName == "Den Haag" && m.SizeClass.Number == 8);
        Assert.Contains(municipalities, m => m.Name == "Súdwest-Fryslân" && m.Province == "Fryslân");
        Assert.Contains(municipalities, m => m.Name == "Nuenen, Gerwen en Nederwetten");
        Assert.Contains("oppervlakte_km2", result.IgnoredColumns);
    }

    [Fact]
    public void BadRowsAreAllReportedWithTheirLinesAndNothingIsImported()
    {
        var csv = Header +
                  "GM0001,Eerste,Eerste,Utrecht,12000\n" +
                  "G0002,Tweede,Tweede,Utrecht,12000\n" +
                  "GM0003,Derde,Derde,Gelre,12000\n" +
                  "GM0004,Vierde,Vierde,Utrecht,veel\n" +
                  "GM0001,Vijfde,Vijfde,Utrecht,12000\n" +
                  "GM0006,Zesde,Zesde,Utrecht\n";

        var result = Import(csv);

        Assert.Null(result.Register);
        Assert.Equal([3, 4, 5, 6, 7], result.Problems.Select(p => p.Line));
        Assert.Contains("test.csv:3: code 'G0002'", result.Problems[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("'Gelre' is not a Dutch province", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("population 'veel'", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("appears twice (first on line 2)", result.Problems[3].Message, StringComparison.Ordinal);
        Assert.Contains("4 fields, but the header has 5", result.Problems[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedFieldsApostrophesAndDiacriticsSurvive()
    {
        var csv = Header + "GM0518,'s-Gravenhage,Den Haag,Zuid-Holland,569076\n\"GM0820\",\"Nuenen, Gerwen en Nederwetten\",\"Nuenen \"\"c.a.\"\"\",Noord-Brabant,24467\nGM1900,Súdwest-Fryslân,Súdwest-Fryslân,Friesland,90000\n";

        var register = Import(csv).Register!;

        Assert.Equal(["'s-Gravenhage", "Nuenen, Gerwen en Nederwetten", "Súdwest-Fryslân"], register.Municipalities.Select(m => m.Name));
        Assert.Equal("Nuenen \"c.a.\"", register.Find("GM0820")!.ShortName);
        Assert.Equal("Fryslân", register.Find("GM1900")!.Province);
    }

    [Fact]
    public void SemicolonsAByteOrderMarkAndThousandSeparatorsAreUnderstood()
    {
        var csv = "\uFEFFcode;naam;provincie;inwoners;samenwerkingsverbanden;voorgangers\r\n0363;Amsterdam;Noord-Holland;931.298;;GM0457\r\n1234;Voorbeeld;Utrecht;12 345;Regio A|Regio B;\r\n";

        var result = Import(csv);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        var amsterdam = result.Register!.Find("GM0363")!;
        Assert.Equal(931_298, amsterdam.Population);
        Assert.Equal(["GM0457"], amsterdam.Predecessors);
        Assert.Equal(["Regio A", "Regio B"], result.Register.Find("GM1234")!.Collaborations);
    }

    [Fact]
    public void AHeaderMappingPointsFieldsAtOtherColumns()
    {
        var csv = "id,gemeente,prov,inwoners_2025\nGM0001,Eerste,Utrecht,4000\n";

        Assert.False(Import(csv).Succeeded);
        var result = Import(csv, new Dictionary<string, string> { ["code"] = "id", ["province"] = "prov", ["population"] = "inwoners_2025" });

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(1, result.Register!.Find("GM0001")!.SizeClass.Number);
    }

    [Fact]
    public void AMissingColumnNamesWhatWasExpectedAndWhatIsThere()
    {
        var problem = Assert.Single(Import("gm_code,naam,inwoners\nGM0001,Eerste,100\n").Problems);

        Assert.Contains("no column for province", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the header has: gm_code, naam, inwoners", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASizeClassThatContradictsThePopulationIsRefused()
    {
        var csv = "gm_code,naam,provincie,inwoners,cbs_grootteklasse\nGM0001,Eerste,Utrecht,12000,5\n";

        var problem = Assert.Single(Import(csv).Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("size class 5 does not match the population 12000", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMergedMunicipalityCannotStillBeInTheSameRegister()
    {
        var csv = "gm_code,naam,provincie,inwoners,voorgangers\nGM0001,Oud,Utrecht,12000,\nGM0002,Nieuw,Utrecht,30000,GM0001\n";

        var problem = Assert.Single(Import(csv).Problems);
        Assert.Contains("a merged municipality no longer exists", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotUtf8IsRefusedWithTheLineItFailsOn()
    {
        var latin1 = System.Text.Encoding.Latin1.GetBytes(Header + "GM0001,Eerste,Eerste,Utrecht,12000\nGM1900,Súdwest-Fryslân,Súdwest-Fryslân,Friesland,90000\n");

        var problem = Assert.Single(RegisterImporter.ImportBytes("latin1.csv", latin1, 2026).Problems);

        Assert.Equal(3, problem.Line);
        Assert.Contains("not UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16WithAByteOrderMarkIsUnderstood()
    {
        var utf16 = System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes(Header + "GM1900,Súdwest-Fryslân,Súdwest-Fryslân,Friesland,90000\n")).ToArray();

        var result = RegisterImporter.ImportBytes("utf16.csv", utf16, 2026);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal("Súdwest-Fryslân", result.Register!.Municipalities[0].Name);
    }

    [Fact]
    public void AStrayQuoteIsReportedAndTheOtherBadRowsStillAre()
    {
        var csv = Header + "GM0001,\"Eerste\"x,Eerste,Utrecht,12000\nGM0002,Tweede,Tweede,Gelre,12000\nGM0003,Derde,Derde,Utrecht,veel\nGM0004,Vierde,Vierde,Utrecht,12000\n";

        var result = Import(csv);

        Assert.Null(result.Register);
        Assert.Equal([2, 3, 4], result.Problems.Select(p => p.Line));
        Assert.Contains("after a closing quote", result.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnclosedQuoteIsReportedWithItsLine()
    {
        var problem = Assert.Single(Import(Header + "GM0001,\"Eerste,Eerste,Utrecht,12000\n").Problems);

        Assert.Equal(2, problem.Line);
        Assert.Contains("never closed", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4_999, 1, "lt20k")]
    [InlineData(5_000, 2, "lt20k")]
    [InlineData(19_999, 3, "lt20k")]
    [InlineData(20_000, 4, "20k-50k")]
    [InlineData(50_000, 5, "50k-100k")]
    [InlineData(100_000, 6, "ge100k")]
    [InlineData(150_000, 7, "ge100k")]
    [InlineData(250_000, 8, "ge100k")]
    public void SizeClassesFollowTheCbsBoundaries(int population, int sizeClass, string coarse)
    {
        Assert.Equal(sizeClass, SizeClass.ForPopulation(population).Number);
        Assert.Equal(coarse, CoarseSizeClass.ForPopulation(population).Id);
    }

    [Fact]
    public void ARegisterSurvivesAJsonRoundTrip()
    {
        var register = RegisterImporter.Import("gemeenten.csv", File.ReadAllText(RepositoryPaths.RealRegisterCsv), 2026).Register!;

        var json = RegisterJson.Write(register);

        Assert.Equal(json, RegisterJson.Write(RegisterJson.Read(json)));
        Assert.Contains("'s-Gravenhage", json, StringComparison.Ordinal);
    }
}
