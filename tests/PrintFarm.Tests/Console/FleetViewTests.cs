using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using PrintFarm.Dispatch;
using PrintFarm.Gateway.Console.Fleet;
using PrintFarm.Gateway.Console.Layout;
using PrintFarm.Gateway.Console.Queue;
using PrintFarm.Jobs;
using PrintFarm.Maintenance;
using PrintFarm.Printers;
using PrintFarm.Protocol;

namespace PrintFarm.Tests.Console;

/// <summary>The console's fleet logic without a farm: tile states, filters, paging, what frees up next, the timeline.</summary>
[Trait("Category", "Unit")]
public sealed class FleetViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static PrinterSummary Printer(string id, PrinterActivity activity = PrinterActivity.Idle, Connectivity connectivity = Connectivity.Online,
        string material = "PLA", string? job = null, int? left = null) => new()
    {
        PrinterId = id, Connectivity = connectivity, Activity = activity, Technology = "FDM", Materials = [material], Model = "MK4",
        CurrentJobId = job, RemainingSeconds = left, Progress = job is null ? null : 0.5,
    };

    private static JobTicket Ticket(string id, string material = "PLA", int seconds = 600, string? model = null) => new()
    {
        JobId = id, OrderReference = id[..13], Technology = "FDM", Material = material, EstimatedPrintSeconds = seconds,
        Priority = 1, PlacedAt = Now, Attempt = 1, PrinterModel = model,
    };

    private static IQueryCollection Query(params (string, string)[] pairs) =>
        new QueryCollection(pairs.ToDictionary(p => p.Item1, p => new StringValues(p.Item2)));

    [Fact]
    public void A_tile_says_what_the_floor_would_say()
    {
        Assert.Equal(TileState.Printing, TileFacts.StateOf(Printer("a", PrinterActivity.Printing, job: "PF-AAAAAAAAAA-1-1")));
        Assert.Equal(TileState.Paused, TileFacts.StateOf(Printer("a", PrinterActivity.Paused, job: "PF-AAAAAAAAAA-1-1")));
        Assert.Equal(TileState.Stalled, TileFacts.StateOf(Printer("a", PrinterActivity.Printing, Connectivity.Offline, job: "PF-AAAAAAAAAA-1-1")));
        Assert.Equal(TileState.Offline, TileFacts.StateOf(Printer("a", connectivity: Connectivity.Offline)));
        Assert.Equal(TileState.Problem, TileFacts.StateOf(Printer("a", PrinterActivity.Error)));
        Assert.Equal(TileState.OutOfService, TileFacts.StateOf(Printer("a") with { OutOfService = true }));
        Assert.Equal(TileState.Maintenance, TileFacts.StateOf(Printer("a") with { Maintenance = new PrinterMaintenance { Window = "w", Start = Now, End = Now.AddHours(1), Active = true } }));
        // A print in progress stays a print, maintenance or not: it finishes.
        Assert.Equal(TileState.Printing, TileFacts.StateOf(Printer("a", PrinterActivity.Printing, job: "PF-AAAAAAAAAA-1-1") with { Maintenance = new PrinterMaintenance { Window = "w", Start = Now, End = Now.AddHours(1), Active = true } }));
        Assert.Equal("PF-AAAAAAAAAA", TileFacts.OrderOf("PF-AAAAAAAAAA-2-3"));
        Assert.Null(TileFacts.OrderOf("not-a-job"));
    }

    [Fact]
    public void A_tile_changes_only_when_what_it_shows_changes()
    {
        var a = Printer("a", PrinterActivity.Printing, job: "PF-AAAAAAAAAA-1-1", left: 600) with { NozzleTemperature = 215.2, Progress = 0.501 };
        Assert.True(TileFacts.LookTheSame(a, a with { NozzleTemperature = 215.4, Progress = 0.505, RemainingSeconds = 590, Materials = ["PLA"] }));
        Assert.False(TileFacts.LookTheSame(a, a with { Progress = 0.51 }));
        Assert.False(TileFacts.LookTheSame(a, a with { Activity = PrinterActivity.Paused }));
        Assert.False(TileFacts.LookTheSame(a, a with { RemainingSeconds = 500 }));
        Assert.False(TileFacts.LookTheSame(a, a with { OutOfService = true }));
    }

    [Fact]
    public void Filters_group_and_page_the_fleet_and_name_what_they_cannot_read()
    {
        var fleet = Enumerable.Range(1, 30).Select(i => Printer($"p-{i:00}", i % 3 == 0 ? PrinterActivity.Printing : PrinterActivity.Idle, material: i % 2 == 0 ? "PETG" : "PLA",
            job: i % 3 == 0 ? $"PF-AAAAAAAA{i:00}-1-1" : null, left: i * 60)).ToList();
        var printing = FleetQuery.Parse(Query(("state", "printing"), ("group", "none")), out var none);
        Assert.Empty(none);
        var slice = printing.Slice(fleet, 4);
        Assert.Equal(10, slice.Matching);
        Assert.Equal(3, slice.Pages);
        Assert.Equal(["p-03", "p-06", "p-09", "p-12"], slice.Printers.Select(p => p.PrinterId));

        var byPool = FleetQuery.Parse(Query(("pool", "FDM/PETG")), out _).Slice(fleet, 100);
        Assert.Equal(15, byPool.Matching);
        Assert.Equal("FDM · PETG", Assert.Single(byPool.Groups).Heading);

        var search = FleetQuery.Parse(Query(("q", "AAAAAAAA12")), out _).Slice(fleet, 100);
        Assert.Equal("p-12", Assert.Single(search.Printers).PrinterId);

        var bad = FleetQuery.Parse(Query(("state", "melting"), ("group", "colour"), ("page", "-2")), out var problems);
        Assert.Equal(3, problems.Count);
        Assert.Null(bad.State);
        Assert.Equal(1, bad.Page);
        Assert.Equal(30, bad.Slice(fleet, 100).Matching);

        // A page past the end shows the last one.
        Assert.Equal(3, printing with { Page = 9 } is var late ? late.Slice(fleet, 4).Page : 0);
        Assert.Equal("/console/fleet?state=idle&pool=FDM%2FPLA&page=2", FleetQuery.Parse(Query(("pool", "FDM/PLA")), out _).Address(state: TileState.Idle, page: 2));
    }

    [Fact]
    public void The_printers_that_free_up_first_each_get_the_first_job_they_fit()
    {
        var fleet = new[]
        {
            Printer("slow", PrinterActivity.Printing, job: "PF-AAAAAAAAAA-1-1", left: 900),
            Printer("fast", PrinterActivity.Printing, job: "PF-BBBBBBBBBB-1-1", left: 60),
            Printer("petg", PrinterActivity.Printing, material: "PETG", job: "PF-CCCCCCCCCC-1-1", left: 300),
            Printer("idle"),
        };
        var queue = new[] { Ticket("PF-DDDDDDDDDD-1-1"), Ticket("PF-EEEEEEEEEE-1-1", model: "X1C"), Ticket("PF-FFFFFFFFFF-1-1") };
        var next = NextUp.Soonest(fleet, queue, 8);
        Assert.Equal(["fast", "petg", "slow"], next.Select(n => n.Printer.PrinterId));
        Assert.Equal("PF-DDDDDDDDDD-1-1", next[0].Next?.JobId);
        Assert.Null(next[1].Next); // no PETG job waits
        Assert.Equal("PF-FFFFFFFFFF-1-1", next[2].Next?.JobId); // the X1C-only job fits no MK4
    }

    [Fact]
    public void The_timeline_puts_each_waiting_job_on_the_printer_that_frees_up_first()
    {
        var fleet = new[] { Printer("busy", PrinterActivity.Printing, job: "PF-AAAAAAAAAA-1-1", left: 3600), Printer("idle") };
        var queue = new[] { Ticket("PF-BBBBBBBBBB-1-1", seconds: 1800), Ticket("PF-CCCCCCCCCC-1-1", seconds: 1800), Ticket("PF-DDDDDDDDDD-1-1", material: "ASA") };
        var rows = Timeline.Project(fleet, queue, new Dictionary<string, JobSnapshot>(), Now, TimeSpan.FromHours(8), 10);
        var idle = rows.Single(r => r.PrinterId == "idle");
        Assert.Equal(["PF-BBBBBBBBBB-1-1", "PF-CCCCCCCCCC-1-1"], idle.Bars.Select(b => b.JobId));
        Assert.Equal(Now.AddMinutes(30), idle.Bars[1].Start);
        var busy = rows.Single(r => r.PrinterId == "busy");
        Assert.True(Assert.Single(busy.Bars).Printing);
    }

    [Fact]
    public void A_printers_problem_reads_in_plain_words()
    {
        Assert.Equal("HMS 0300-0100: heatbed temperature abnormal", PrinterProblems.Describe("HMS_0300_0100_0001_0007"));
        Assert.Equal("HMS 0700-9900: AMS fault 0002-0001", PrinterProblems.Describe("HMS_0700_9900_0002_0001"));
        Assert.Equal("Print error 0700-8006: AMS stopped the print", PrinterProblems.Describe("0700_8006"));
        Assert.Equal("Klipper shutdown: heater extruder not heating", PrinterProblems.Describe("Klipper shutdown: heater extruder not heating"));
        Assert.Null(PrinterProblems.Describe(null));
    }

    [Fact]
    public void A_move_goes_back_only_to_a_console_page()
    {
        Assert.Equal("/console/orders/PF-AAAAAAAAAA", ConsoleMoves.Local("/console/orders/PF-AAAAAAAAAA", "/console"));
        Assert.Equal("/console", ConsoleMoves.Local("https://evil.example/console", "/console"));
        Assert.Equal("/console", ConsoleMoves.Local("//evil.example/console", "/console"));
        Assert.Equal("/console", ConsoleMoves.Local("/console//evil.example", "/console"));
        Assert.Equal("/console", ConsoleMoves.Local("/console\\evil", "/console"));
        Assert.Equal("/console", ConsoleMoves.Local("/api/orders", "/console"));
    }
}
