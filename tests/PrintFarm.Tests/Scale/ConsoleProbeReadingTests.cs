using System.Text;
using PrintFarm.Bench.Cluster;

namespace PrintFarm.Tests.Scale;

/// <summary>
/// What the bench's console probe reads: the console's markup (as its components render it),
/// server-sent events cut anywhere across reads, and state changes matched to tiles.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ConsoleProbeReadingTests
{
    private const string Page = """
        <body data-stream="/console/live/fleet?group=none&amp;page=1&amp;since=7">
        <section id="fleet-counters" aria-label="Printers by state" class="counters">
            <a href="/console/fleet?group=none" class="count all" aria-current="true"><strong>1,200</strong> printers</a>
            <a href="/console/fleet?state=printing" class="count" data-state="printing"><strong>3</strong> printing</a>
        </section>
        <li id="printer-sim-00001" class="tile" data-state="printing" aria-labelledby="printer-sim-00001-name">
        <li id="printer-sim-00002" class="tile" data-state="out-of-service" aria-labelledby="printer-sim-00002-name">
        <nav class="pages" aria-label="Fleet pages"><span>1,200 printers, page 1 of 10</span></nav>
        """;

    [Fact]
    public void The_fleet_page_gives_its_stream_summary_counters_and_tiles()
    {
        Assert.Equal("/console/live/fleet?group=none&page=1&since=7", ConsolePageHtml.StreamAddress(Page));
        Assert.Equal((1200, 1, 10), ConsolePageHtml.Summary(Page));
        Assert.Equal(1200, ConsolePageHtml.CountersTotal(Page));
        Assert.Equal([("sim-00001", "printing"), ("sim-00002", "out-of-service")], ConsolePageHtml.Tiles(Page).ToList());
    }

    [Fact]
    public void The_sign_in_form_gives_its_antiforgery_field()
    {
        const string form = """<form method="post" action="/signin"><input type="hidden" name="__RequestVerificationToken" value="CfDJ8&#x2B;x"><p>""";
        Assert.Equal(("__RequestVerificationToken", "CfDJ8+x"), ConsolePageHtml.TokenField(form));
    }

    [Fact]
    public void Events_split_across_reads_come_out_whole()
    {
        var bytes = Encoding.UTF8.GetBytes("event: open\ndata: hello\n\nevent: swap\r\ndata: <li id=\"printer-a\" class=\"tile\" data-state=\"idle\">\ndata: é\n\n: comment\n\n");
        var reader = new SseLineReader();
        var events = new List<(string Type, string Data)>();
        // One byte at a time: every cut, including inside the two-byte é, must be survived.
        for (var i = 0; i < bytes.Length; i++) events.AddRange(reader.Feed(bytes.AsSpan(i, 1)));
        Assert.Equal([("open", "hello\n"), ("swap", "<li id=\"printer-a\" class=\"tile\" data-state=\"idle\">\né\n")], events);
    }

    [Fact]
    public void A_change_is_matched_to_the_first_tile_with_its_state_after_it()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        PrinterStateChange[] changes =
        [
            new("a", "printing", t0.AddSeconds(1)),
            new("b", "idle", t0.AddSeconds(2)), // never shown
            new("a", "idle", t0.AddSeconds(30)), // after the window
        ];
        TileSeen[] tiles =
        [
            new("a", "idle", t0.AddSeconds(0.5)),
            new("a", "printing", t0.AddSeconds(0.9)), // before the change: an earlier state, not this one
            new("a", "printing", t0.AddSeconds(2.5)),
            new("a", "printing", t0.AddSeconds(3.5)),
        ];
        var figures = TileLatencyFigures.Match(2, changes, tiles, t0, t0.AddSeconds(10));
        Assert.Equal(2, figures.Changes);
        Assert.Equal(1, figures.Seen);
        Assert.Equal(1500, figures.P50!.Value, 3);
        Assert.Null(figures.Problem);
    }
}
