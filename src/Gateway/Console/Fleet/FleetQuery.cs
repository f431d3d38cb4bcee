using PrintFarm.Printers;

namespace PrintFarm.Gateway.Console.Fleet;

/// <summary>
/// What the fleet page shows: its filters (state, pool, search), how tiles group, and which
/// page. The same query drives the page and its live stream, so both agree on the tiles shown.
/// </summary>
public sealed record FleetQuery(TileState? State, string? Pool, string? Search, FleetGrouping Group, int Page)
{
    public const int MaxSearch = 64;

    /// <summary>From the address's query string; anything unreadable is named in <paramref name="problems"/> and left out.</summary>
    public static FleetQuery Parse(IQueryCollection query, out List<string> problems)
    {
        problems = [];
        var stateText = query["state"].ToString();
        TileState? state = null;
        if (stateText.Length > 0)
        {
            state = TileFacts.FromSlug(stateText);
            if (state is null) problems.Add($"There is no state \"{Short(stateText)}\"; showing every state.");
        }
        var pool = query["pool"].ToString().Trim();
        if (pool.Length > 80) { problems.Add("That pool name is too long; showing every pool."); pool = ""; }
        var search = query["q"].ToString().Trim();
        if (search.Length > MaxSearch) { problems.Add($"Search for at most {MaxSearch} characters."); search = search[..MaxSearch]; }
        var group = query["group"].ToString() switch
        {
            "" or "pool" => FleetGrouping.Pool,
            "state" => FleetGrouping.State,
            "none" => FleetGrouping.None,
            var other => Complain(problems, $"Tiles group by pool, state or none, not \"{Short(other)}\".")
        };
        var page = 1;
        if (query["page"].ToString() is { Length: > 0 } pageText && (!int.TryParse(pageText, out page) || page < 1))
        {
            problems.Add("Pages are numbered from 1.");
            page = 1;
        }
        return new FleetQuery(state, pool.Length == 0 ? null : pool, search.Length == 0 ? null : search, group, page);
    }

    private static FleetGrouping Complain(List<string> problems, string problem)
    {
        problems.Add(problem);
        return FleetGrouping.Pool;
    }

    private static string Short(string text) => text.Length > 24 ? text[..24] + "…" : text;

    public bool Matches(PrinterSummary p)
    {
        if (State is { } state && TileFacts.StateOf(p) != state) return false;
        if (Pool is { } pool && !TileFacts.Pools(p).Contains(pool, StringComparer.OrdinalIgnoreCase)) return false;
        if (Search is { } s)
        {
            return p.PrinterId.Contains(s, StringComparison.OrdinalIgnoreCase)
                || (p.Model?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false)
                || (p.CurrentJobId?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false)
                || (p.Error?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false)
                || p.Materials.Any(m => m.Contains(s, StringComparison.OrdinalIgnoreCase));
        }
        return true;
    }

    /// <summary>The heading a printer's tile sits under.</summary>
    public string GroupOf(PrinterSummary p) => Group switch
    {
        FleetGrouping.Pool => $"{p.Technology ?? "FDM"} · {(p.Materials.Count == 0 ? "no material" : string.Join(" + ", p.Materials))}",
        FleetGrouping.State => TileFacts.Words(TileFacts.StateOf(p)),
        _ => "",
    };

    /// <summary>This page's tiles in order, under their headings, and how many pages the filtered fleet fills.</summary>
    public FleetSlice Slice(IEnumerable<PrinterSummary> fleet, int pageSize)
    {
        var matching = fleet.Where(Matches)
            .Select(p => (Group: GroupOf(p), Printer: p))
            .OrderBy(x => Group == FleetGrouping.State ? (int)TileFacts.StateOf(x.Printer) : 0)
            .ThenBy(x => x.Group, StringComparer.Ordinal)
            .ThenBy(x => x.Printer.PrinterId, StringComparer.Ordinal)
            .ToList();
        var pages = Math.Max(1, (matching.Count + pageSize - 1) / pageSize);
        var page = Math.Min(Page, pages);
        var shown = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var groups = shown.GroupBy(x => x.Group).Select(g => new FleetGroup(g.Key, [.. g.Select(x => x.Printer)])).ToList();
        return new FleetSlice(groups, matching.Count, page, pages);
    }

    /// <summary>The address of this query with something changed (null drops a filter).</summary>
    public string Address(TileState? state = null, string? pool = null, int? page = null, bool keepState = true, bool keepPool = true)
    {
        var parts = new List<string>();
        var s = keepState ? state ?? State : state;
        var p = keepPool ? pool ?? Pool : pool;
        if (s is { } st) parts.Add("state=" + TileFacts.Slug(st));
        if (p is not null) parts.Add("pool=" + Uri.EscapeDataString(p));
        if (Search is not null) parts.Add("q=" + Uri.EscapeDataString(Search));
        if (Group != FleetGrouping.Pool) parts.Add("group=" + Group.ToString().ToLowerInvariant());
        if ((page ?? Page) > 1) parts.Add("page=" + (page ?? Page));
        return "/console/fleet" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }
}
