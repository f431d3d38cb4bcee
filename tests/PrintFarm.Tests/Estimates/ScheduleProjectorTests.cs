using System.Diagnostics;
using PrintFarm.Dispatch;
using PrintFarm.Estimates;

namespace PrintFarm.Tests.Estimates;

[Trait("Category", "Unit")]
public sealed class ScheduleProjectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static JobTicket Job(string id, string material = "PLA", int seconds = 3600, string technology = "FDM") => new()
    {
        JobId = id, OrderReference = "PF-" + id, Technology = technology, Material = material,
        EstimatedPrintSeconds = seconds, Priority = 1, PlacedAt = Now, Attempt = 1,
    };

    private static PrinterForecast Printer(string id, TimeSpan freeIn, params string[] materials) =>
        new(id, "FDM", materials.Length == 0 ? ["PLA"] : materials, "MK4", Now + freeIn, Online: true);

    [Fact]
    public void A_job_goes_to_the_compatible_printer_that_frees_up_first()
    {
        var projection = ScheduleProjector.Project(
            [Job("j1", "PETG")],
            [Printer("pla-now", TimeSpan.Zero, "PLA"), Printer("petg-late", TimeSpan.FromHours(2), "PETG"), Printer("petg-soon", TimeSpan.FromHours(1), "PETG")],
            new PrintTimeModel(), Now);

        var job = projection.Find("j1")!;
        Assert.Equal("petg-soon", job.PrinterId);
        Assert.Equal(Now.AddHours(1), job.Start);
        Assert.Equal(Now.AddHours(2), job.PrintedAt);
    }

    [Fact]
    public void Jobs_are_served_in_queue_order_and_wait_for_a_free_printer()
    {
        var projection = ScheduleProjector.Project(
            [Job("a", seconds: 7200), Job("b", seconds: 3600), Job("c", seconds: 600)],
            [Printer("p1", TimeSpan.Zero), Printer("p2", TimeSpan.FromMinutes(30))],
            new PrintTimeModel(), Now);

        Assert.Equal(("p1", Now), (projection.Find("a")!.PrinterId, projection.Find("a")!.Start));
        Assert.Equal(("p2", Now.AddMinutes(30)), (projection.Find("b")!.PrinterId, projection.Find("b")!.Start));
        // p2 frees at 10:30, p1 only at 11:00.
        Assert.Equal(("p2", Now.AddMinutes(90)), (projection.Find("c")!.PrinterId, projection.Find("c")!.Start));
    }

    [Fact]
    public void An_idle_printer_starts_now_and_the_one_idle_longest_goes_first()
    {
        var projection = ScheduleProjector.Project(
            [Job("a")],
            [Printer("idle-10-min", TimeSpan.FromMinutes(-10)), Printer("idle-2-hours", TimeSpan.FromHours(-2))],
            new PrintTimeModel(), Now);
        Assert.Equal(("idle-2-hours", Now), (projection.Find("a")!.PrinterId, projection.Find("a")!.Start));
    }

    [Fact]
    public void Print_time_is_corrected_by_what_the_farm_learned_for_the_printer_model()
    {
        var model = new PrintTimeModel();
        for (var i = 0; i < 50; i++) model.Learn("MK4", "PLA", 1000, 1500);
        var projection = ScheduleProjector.Project([Job("a", seconds: 3600)], [Printer("p", TimeSpan.Zero)], model, Now);
        Assert.Equal(Now.AddHours(1.5), projection.Find("a")!.PrintedAt);
        Assert.Equal("MK4", projection.Find("a")!.PrinterModel);
    }

    [Fact]
    public void A_printer_with_two_materials_is_not_booked_twice()
    {
        // "both" takes the PLA job, so it is no longer the PETG printer that frees up first.
        var projection = ScheduleProjector.Project(
            [Job("pla-1"), Job("petg-1", "PETG"), Job("petg-2", "PETG")],
            [Printer("both", TimeSpan.Zero, "PLA", "PETG"), Printer("petg-only", TimeSpan.FromMinutes(30), "PETG")],
            new PrintTimeModel(), Now);

        Assert.Equal(("both", Now), (projection.Find("pla-1")!.PrinterId, projection.Find("pla-1")!.Start));
        Assert.Equal(("petg-only", Now.AddMinutes(30)), (projection.Find("petg-1")!.PrinterId, projection.Find("petg-1")!.Start));
        Assert.Equal(("both", Now.AddHours(1)), (projection.Find("petg-2")!.PrinterId, projection.Find("petg-2")!.Start));
    }

    [Fact]
    public void Materials_and_technology_match_without_regard_to_case()
    {
        var projection = ScheduleProjector.Project(
            [Job("a", "petg", technology: "fdm")],
            [new PrinterForecast("p", "FDM", ["PETG"], null, Now, true)],
            new PrintTimeModel(), Now);
        Assert.NotNull(projection.Find("a"));
    }

    [Fact]
    public void A_job_no_online_printer_can_take_gets_no_projection()
    {
        var projection = ScheduleProjector.Project(
            [Job("tpu", "TPU"), Job("resin", "PLA", technology: "SLA"), Job("abs", "ABS"), Job("pla")],
            [Printer("pla", TimeSpan.Zero), Printer("abs-offline", TimeSpan.Zero, "ABS") with { Online = false }],
            new PrintTimeModel(), Now);

        Assert.Null(projection.Find("tpu"));
        Assert.Null(projection.Find("resin"));
        Assert.Null(projection.Find("abs"));
        Assert.Equal(["tpu", "resin", "abs"], projection.Unplaced);
        Assert.NotNull(projection.Find("pla"));
        Assert.Null(projection.TailStart("FDM", "ABS"));
    }

    [Fact]
    public void The_queue_tail_is_when_the_first_printer_of_the_pool_frees_up_after_the_queue()
    {
        var projection = ScheduleProjector.Project(
            [Job("a", seconds: 7200), Job("b", seconds: 3600)],
            [Printer("p1", TimeSpan.Zero), Printer("p2", TimeSpan.Zero)],
            new PrintTimeModel(), Now);
        Assert.Equal(Now.AddHours(1), projection.TailStart("FDM", "pla"));
    }

    [Fact]
    public void Matches_a_brute_force_schedule_on_a_random_farm()
    {
        var random = new Random(7);
        string[] materials = ["PLA", "PETG", "ABS", "TPU"];
        for (var round = 0; round < 20; round++)
        {
            var printers = Enumerable.Range(0, random.Next(1, 30)).Select(i => new PrinterForecast(
                $"p{i}", "FDM",
                materials.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList(),
                random.Next(3) == 0 ? "X1C" : "MK4",
                Now.AddMinutes(random.Next(-120, 240)),
                Online: random.Next(10) > 0)).ToList();
            var jobs = Enumerable.Range(0, random.Next(0, 200))
                .Select(i => Job($"j{i}", materials[random.Next(materials.Length)], random.Next(60, 20000))).ToList();
            var model = new PrintTimeModel();
            for (var i = 0; i < 20; i++) model.Learn("X1C", "PLA", 1000, 800);

            var projection = ScheduleProjector.Project(jobs, printers, model, Now);

            foreach (var (job, expected) in BruteForce(jobs, printers, model))
                Assert.Equal(expected, projection.Find(job.JobId));
        }
    }

    [Fact]
    public void Ten_thousand_jobs_on_ten_thousand_printers()
    {
        var random = new Random(11);
        string[] materials = ["PLA", "PETG", "ABS", "ASA", "TPU", "PA-CF"];
        var printers = Enumerable.Range(0, 10_000).Select(i => new PrinterForecast(
            $"p{i}", "FDM", materials.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList(),
            $"M{i % 5}", Now.AddMinutes(random.Next(-60, 600)), random.Next(50) > 0)).ToList();
        var jobs = Enumerable.Range(0, 10_000)
            .Select(i => Job($"j{i}", materials[random.Next(materials.Length)], random.Next(1200, 36000))).ToList();
        var model = new PrintTimeModel();

        // Timings are information for the reader, not a verdict: a shared CI machine varies too much.
        var stopwatch = Stopwatch.StartNew();
        var projection = ScheduleProjector.Project(jobs, printers, model, Now);
        var first = stopwatch.Elapsed;
        for (var i = 0; i < 3; i++) ScheduleProjector.Project(jobs, printers, model, Now);
        stopwatch.Restart();
        ScheduleProjector.Project(jobs, printers, model, Now);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Projected 10,000 jobs on 10,000 printers: first run {first.TotalMilliseconds:F1} ms, warm {stopwatch.Elapsed.TotalMilliseconds:F1} ms");

        Assert.Equal(jobs.Count, projection.Jobs.Count + projection.Unplaced.Count);
        // No printer holds two jobs at once.
        foreach (var printer in projection.Jobs.GroupBy(j => j.PrinterId))
        {
            DateTimeOffset? lastEnd = null;
            foreach (var job in printer.OrderBy(j => j.Start))
            {
                Assert.True(lastEnd is null || job.Start >= lastEnd);
                lastEnd = job.PrintedAt;
            }
        }
    }

    /// <summary>The obvious O(jobs × printers) schedule the heaps must reproduce.</summary>
    private static IEnumerable<(JobTicket, ProjectedJob?)> BruteForce(List<JobTicket> jobs, List<PrinterForecast> printers, PrintTimeModel model)
    {
        var free = printers.Select(p => p.FreeAt).ToArray();
        foreach (var job in jobs)
        {
            var best = -1;
            for (var i = 0; i < printers.Count; i++)
            {
                var p = printers[i];
                if (!p.Online || !string.Equals(p.Technology, job.Technology, StringComparison.OrdinalIgnoreCase)
                    || !p.Materials.Contains(job.Material, StringComparer.OrdinalIgnoreCase)) continue;
                if (best < 0 || free[i] < free[best]) best = i;
            }
            if (best < 0)
            {
                yield return (job, null);
                continue;
            }
            var start = free[best] > Now ? free[best] : Now;
            var ticks = (long)(job.EstimatedPrintSeconds * model.Factor(printers[best].Model, job.Material) * TimeSpan.TicksPerSecond);
            free[best] = start.AddTicks(ticks);
            yield return (job, new ProjectedJob(job.JobId, printers[best].PrinterId, printers[best].Model,
                start.ToUniversalTime(), free[best].ToUniversalTime()));
        }
    }
}
