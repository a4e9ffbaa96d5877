namespace Benchmark.Core.Demo;

/// <summary>Varied Dutch sentences for explanations, reasons and practice notes in the demo data.</summary>
internal static class DemoText
{
    private static readonly string[] Teams =
    [
        "het team Informatiemanagement", "de afdeling Dienstverlening", "onze ICT-samenwerking", "het KCC",
        "het CIO-office", "het team Publiekszaken", "de afdeling Bedrijfsvoering", "het regionale servicecentrum",
    ];

    private static readonly string[][] StateByLevel =
    [
        ["er is nog geen structurele aanpak", "het hangt nog af van losse initiatieven", "we zijn net begonnen met een inventarisatie"],
        ["het werkt, maar leunt op een paar collega's", "de basis staat, al is die nog niet vastgelegd", "we doen het, maar niet overal op dezelfde manier"],
        ["de werkwijze is vastgelegd en geldt voor de hele organisatie", "er zijn afspraken en een vaste eigenaar", "het proces is beschreven en wordt gevolgd"],
        ["we meten de resultaten elk kwartaal en sturen bij", "er is een dashboard en het management stuurt erop", "we rapporteren twee keer per jaar aan de directie"],
        ["we delen onze aanpak met buurgemeenten en verbeteren samen", "we zijn voorbeeldgemeente en helpen andere gemeenten", "verbeteren gebeurt continu, samen met de regio"],
    ];

    private static readonly string[] Plans =
    [
        "Volgend jaar willen we de volgende stap zetten.", "In het informatieplan staat dit als prioriteit.",
        "Verbetering staat gepland voor het tweede kwartaal.", "We wachten op de aanbesteding van een nieuw systeem.",
        "De gemeenteraad is over de voortgang geïnformeerd.", "De audit van vorig jaar gaf hier twee aandachtspunten.",
        "Dit pakken we samen met de regiogemeenten op.", "",
    ];

    private static readonly string[] Openers =
    [
        "{0}: {1}.", "Stand van zaken bij {0}: {1}. {2} is hiervoor verantwoordelijk.", "{2} is eigenaar van {0}. Stand van zaken: {1}.",
        "Sinds {3} volgen we {0} in deze zelfevaluatie. Stand van zaken: {1}.", "Onze zelfevaluatie voor {0}: {1}.",
    ];

    private static readonly string[] Reasons =
    [
        "Deze taak is overgedragen aan de gemeenschappelijke regeling.", "Wij hebben hiervoor geen eigen voorziening; een regionaal samenwerkingsverband voert dit voor ons uit.",
        "Niet van toepassing voor onze gemeente: wij bieden deze dienst niet aan.", "De situatie waar deze vraag over gaat, deed zich bij ons het afgelopen jaar niet voor.",
        "Dit is belegd bij het regionale servicecentrum en wordt daar beantwoord.",
    ];

    // A practice note is attached to one building block and printed under its name in "who to learn from", so each
    // names its block ({0}) and says nothing that only fits some blocks (no base registers under DigiD).
    private static readonly string[] PracticeNotes =
    [
        "Voor {0} begonnen we klein met één proces, maten het effect en breidden daarna stap voor stap uit.",
        "Bij {0} maakten een vaste eigenaar en een maandelijks overleg met de leverancier het verschil.",
        "{0} hebben we samen met twee buurgemeenten opgepakt: één aanpak in plaats van drie.",
        "We betrokken de gebruikers van {0} bij het testen; hun feedback leverde snelle verbeteringen op.",
        "Het team kreeg tijd voor opleiding over {0}; daarna ging de invoering veel sneller.",
        "Een heldere eigenaar van {0} en een dashboard met de voortgang hielden iedereen scherp.",
    ];

    /// <summary>Remarks for the free-text question at the end of a block: not tied to what the block is about.</summary>
    private static readonly string[] Remarks =
    [
        "We begonnen klein met één proces, maten het effect en breidden daarna stap voor stap uit.",
        "Een vaste product owner en een maandelijks overleg met de leverancier maakten het verschil.",
        "Door samen met twee buurgemeenten in te kopen, hadden we één implementatie in plaats van drie.",
        "We betrokken inwoners bij het testen; hun feedback leverde snelle verbeteringen op.",
        "Het team kreeg tijd voor opleiding; daarna ging de invoering veel sneller.",
        "Een heldere eigenaar per basisregistratie en een kwaliteitsdashboard hielden iedereen scherp.",
    ];

    private static readonly string[] ContactRoles =
    [
        "informatiemanager", "teamleider KCC", "CISO", "privacy officer", "adviseur dienstverlening", "enterprise-architect", "projectleider digitalisering",
    ];

    public static string Explanation(DemoRandom random, string blockName, int level, int year)
    {
        var state = random.Pick(StateByLevel[Math.Clamp(level, 1, 5) - 1]);
        var opener = string.Format(System.Globalization.CultureInfo.InvariantCulture, random.Pick(Openers), blockName, state, Capitalize(random.Pick(Teams)), year - random.Next(1, 6));
        var plan = random.Pick(Plans);
        return string.IsNullOrEmpty(plan) ? opener : $"{opener} {plan}";
    }

    public static string Reason(DemoRandom random) => random.Pick(Reasons);

    /// <summary>Evidence as municipalities give it: a link on their own (fictional, .example) site, or a document reference.</summary>
    public static string Evidence(DemoRandom random, Register.Municipality municipality, string blockId, int cycle) => random.Next(0, 3) switch
    {
        0 => $"https://www.{municipality.Code.ToLowerInvariant()}.example/verantwoording/{blockId}",
        1 => $"Collegebesluit {cycle}-{random.Next(10, 99)} over {blockId}",
        _ => $"Auditrapport {cycle}, hoofdstuk {random.Next(2, 9)}",
    };

    public static string PracticeNote(DemoRandom random, string blockName) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, random.Pick(PracticeNotes), blockName);

    public static string Remark(DemoRandom random) => random.Pick(Remarks);

    public static string ContactRole(DemoRandom random) => random.Pick(ContactRoles);

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
