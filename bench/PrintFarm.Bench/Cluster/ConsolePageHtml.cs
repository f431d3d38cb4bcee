using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// What the bench reads out of the console's server-rendered HTML: the sign-in form's token, the
/// page's stream address, the page summary and counters, and the tiles with their states. The
/// markup is the console's (src/Gateway/Console), read by pattern rather than a DOM: the bench
/// needs a handful of attributes, and an HTML parser would be a new package for that.
/// </summary>
public static partial class ConsolePageHtml
{
    /// <summary>The first hidden field of the sign-in form: the antiforgery token (the return address follows it only when set).</summary>
    public static (string Name, string Value)? TokenField(string html) =>
        HiddenField().Match(html) is { Success: true } m ? (Decode(m.Groups[1].Value), Decode(m.Groups[2].Value)) : null;

    /// <summary>What a page says went wrong (<c>&lt;p class="problem"&gt;</c>), if it says anything.</summary>
    public static string? Problem(string html) =>
        ProblemParagraph().Match(html) is { Success: true } m ? Decode(m.Groups[1].Value).Trim() : null;

    /// <summary>The live stream's address from <c>&lt;body data-stream="..."&gt;</c>, decoded (the page encodes its <c>&amp;</c>).</summary>
    public static string? StreamAddress(string html) =>
        BodyStream().Match(html) is { Success: true } m && m.Groups[1].Value.Length > 0 ? Decode(m.Groups[1].Value) : null;

    /// <summary>"N printers, page p of P" from the grid's <c>.pages</c> nav.</summary>
    public static (int Matching, int Page, int Pages)? Summary(string html) =>
        PagesSummary().Match(html) is { Success: true } m
            ? (Int(m.Groups[1].Value), Int(m.Groups[2].Value), Int(m.Groups[3].Value))
            : null;

    /// <summary>The counters' total, <c>&lt;a class="count all"&gt;&lt;strong&gt;N&lt;/strong&gt;</c>.</summary>
    public static int? CountersTotal(string html) =>
        CountAll().Match(html) is { Success: true } m ? Int(m.Groups[1].Value) : null;

    /// <summary>Every tile in a page or a stream event, in document order: printer id and <c>data-state</c>.</summary>
    public static IEnumerable<(string PrinterId, string State)> Tiles(string html)
    {
        foreach (Match m in Tile().Matches(html)) yield return (Decode(m.Groups[1].Value), m.Groups[2].Value);
    }

    private static string Decode(string text) => WebUtility.HtmlDecode(text);
    private static int Int(string digits) => int.Parse(digits, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenField();

    [GeneratedRegex("""<p class="problem"[^>]*>([^<]*)</p>""")]
    private static partial Regex ProblemParagraph();

    [GeneratedRegex("""<body[^>]*\sdata-stream="([^"]*)"[^>]*>""")]
    private static partial Regex BodyStream();

    [GeneratedRegex("""([\d,]+) printers, page (\d+) of (\d+)""")]
    private static partial Regex PagesSummary();

    [GeneratedRegex("""class="count all"[^>]*>\s*<strong>([\d,]+)</strong>""")]
    private static partial Regex CountAll();

    [GeneratedRegex("""<li id="printer-([^"]+)" class="tile" data-state="([a-z-]+)"[^>]*>""")]
    private static partial Regex Tile();
}
