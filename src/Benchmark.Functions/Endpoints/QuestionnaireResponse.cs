using Benchmark.Core.Loading;
using Benchmark.Core.Model;

namespace Benchmark.Functions.Endpoints;

/// <summary>The questionnaire with the model's texts folded in, so a client needs one call to render the form.</summary>
public sealed record QuestionnaireResponse(string Version, int FirstCycle, LocalizedText Title, LocalizedText? Introduction, IReadOnlyList<QuestionnaireResponse.DomainPart> Domains)
{
    public sealed record DomainPart(string Id, LocalizedText Name, LocalizedText Description, IReadOnlyList<BlockPart> Blocks);

    public sealed record BlockPart(string Id, LocalizedText Name, LocalizedText Description, Facility? Facility, IReadOnlyList<Source> Sources, IReadOnlyList<string> Prerequisites, IReadOnlyList<LocalizedText> Levels, IReadOnlyList<QuestionPart> Questions);

    public sealed record QuestionPart(
        string Id, string Type, LocalizedText Text, LocalizedText? Help, bool Required, bool ExplanationRequired, bool NotApplicableAllowed,
        decimal Weight, int? RequiredForLevel, IReadOnlyList<AnswerOption> Options, decimal? Min, decimal? Max, bool IntegerOnly, LocalizedText? Unit, int? EvidenceFromLevel);

    public static QuestionnaireResponse From(QuestionnaireCatalog catalog, Questionnaire questionnaire) => From(catalog.ModelOf(questionnaire), questionnaire);

    private static QuestionnaireResponse From(MaturityModel model, Questionnaire questionnaire) => new(
        questionnaire.Version,
        questionnaire.FirstCycle,
        questionnaire.Title,
        questionnaire.Introduction,
        model.Domains.Select(d => new DomainPart(
            d.Id,
            d.Name,
            d.Description,
            questionnaire.Blocks.Where(b => model.BlocksById[b.BlockId].DomainId == d.Id).Select(b =>
            {
                var block = model.BlocksById[b.BlockId];
                return new BlockPart(block.Id, block.Name, block.Description, block.Facility, block.Sources, block.Prerequisites, block.LevelDescriptions,
                    b.Questions.Select(q => new QuestionPart(q.Id, q.Type.Name(), q.Text, q.Help, q.Required, q.ExplanationRequired, q.NotApplicableAllowed, q.Weight, q.RequiredForLevel, q.Options, q.Min, q.Max, q.IntegerOnly, q.Unit, q.EvidenceFromLevel)).ToList());
            }).ToList())).ToList());
}
