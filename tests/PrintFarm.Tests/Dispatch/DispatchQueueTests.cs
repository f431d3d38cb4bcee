using PrintFarm.Dispatch;

namespace PrintFarm.Tests.Dispatch;

[Trait("Category", "Unit")]
public sealed class DispatchQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static JobTicket Ticket(string id, string material = "PLA", int priority = 1, int minutesAfter = 0, string technology = "FDM") => new()
    {
        JobId = id, OrderReference = "PF-" + id, Technology = technology, Material = material,
        EstimatedPrintSeconds = 60, Priority = priority, PlacedAt = T0.AddMinutes(minutesAfter), Attempt = 1,
    };

    private static PrinterSlot Printer(string id, params string[] materials) => new(id, "FDM", materials.Length == 0 ? ["PLA"] : [.. materials]);

    [Fact]
    public void A_job_goes_to_an_idle_printer_with_its_material()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("j1", "PETG"));
        queue.PrinterAvailable(Printer("pla", "PLA"));
        Assert.Empty(queue.Plan());
        queue.PrinterAvailable(Printer("petg", "PETG"));
        var assignment = Assert.Single(queue.Plan());
        Assert.Equal(("j1", "petg"), (assignment.Job.JobId, assignment.PrinterId));
        Assert.Equal(0, queue.Depth);
        Assert.Equal(1, queue.IdlePrinters); // the PLA printer still waits
    }

    [Fact]
    public void Technology_must_match_too()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("resin", "PLA", technology: "SLA"));
        queue.PrinterAvailable(Printer("fdm"));
        Assert.Empty(queue.Plan());
    }

    [Fact]
    public void Express_goes_first_then_the_oldest_order()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("standard-old", priority: 1, minutesAfter: 0));
        queue.Enqueue(Ticket("standard-new", priority: 1, minutesAfter: 5));
        queue.Enqueue(Ticket("express-new", priority: 0, minutesAfter: 10));
        Assert.Equal(["express-new", "standard-old", "standard-new"], queue.Jobs.Select(j => j.JobId));

        queue.PrinterAvailable(Printer("p1"));
        Assert.Equal("express-new", Assert.Single(queue.Plan()).Job.JobId);
        queue.PrinterAvailable(Printer("p2"));
        Assert.Equal("standard-old", Assert.Single(queue.Plan()).Job.JobId);
    }

    [Fact]
    public void The_printer_idle_longest_gets_the_next_job()
    {
        var queue = new DispatchQueue();
        queue.PrinterAvailable(Printer("first"));
        queue.PrinterAvailable(Printer("second"));
        queue.Enqueue(Ticket("j1"));
        Assert.Equal("first", Assert.Single(queue.Plan()).PrinterId);
    }

    [Fact]
    public void Enqueueing_twice_queues_once()
    {
        var queue = new DispatchQueue();
        Assert.True(queue.Enqueue(Ticket("j1")));
        Assert.False(queue.Enqueue(Ticket("j1")));
        Assert.Equal(1, queue.Depth);
        // A reprint (next attempt) replaces the old ticket rather than adding a second one.
        Assert.True(queue.Enqueue(Ticket("j1") with { Attempt = 2 }));
        Assert.Equal(2, Assert.Single(queue.Jobs).Attempt);
    }

    [Fact]
    public void A_printer_that_went_away_is_not_assigned()
    {
        var queue = new DispatchQueue();
        queue.PrinterAvailable(Printer("p1"));
        queue.PrinterUnavailable("p1");
        queue.Enqueue(Ticket("j1"));
        Assert.Empty(queue.Plan());
        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public void A_printer_reloaded_with_another_material_is_matched_on_what_it_has_now()
    {
        var queue = new DispatchQueue();
        queue.PrinterAvailable(Printer("p1", "PLA"));
        queue.PrinterUnavailable("p1");
        queue.PrinterAvailable(Printer("p1", "PETG"));
        queue.Enqueue(Ticket("pla-job", "PLA"));
        Assert.Empty(queue.Plan());
        queue.Enqueue(Ticket("petg-job", "PETG"));
        Assert.Equal("petg-job", Assert.Single(queue.Plan()).Job.JobId);
    }

    [Fact]
    public void A_printer_with_several_materials_takes_one_job_only()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("pla", "PLA"));
        queue.Enqueue(Ticket("petg", "PETG"));
        queue.PrinterAvailable(Printer("multi", "PLA", "PETG"));
        Assert.Single(queue.Plan());
        Assert.Equal(1, queue.Depth);
    }

    [Fact]
    public void A_printer_with_several_materials_serves_the_most_urgent_of_its_queues()
    {
        var queue = new DispatchQueue();
        queue.Enqueue(Ticket("pla-standard", "PLA", priority: 1, minutesAfter: 0));
        queue.Enqueue(Ticket("petg-express", "PETG", priority: 0, minutesAfter: 5));
        queue.PrinterAvailable(Printer("multi", "PLA", "PETG"));
        Assert.Equal("petg-express", Assert.Single(queue.Plan()).Job.JobId);

        queue.Enqueue(Ticket("petg-later", "PETG", priority: 1, minutesAfter: 10));
        queue.PrinterAvailable(Printer("multi", "PLA", "PETG"));
        Assert.Equal("pla-standard", Assert.Single(queue.Plan()).Job.JobId);
    }

    [Fact]
    public void Ten_thousand_jobs_spread_over_a_thousand_printers_one_each()
    {
        var queue = new DispatchQueue();
        for (var i = 0; i < 10_000; i++) queue.Enqueue(Ticket($"j{i:D5}", i % 2 == 0 ? "PLA" : "PETG", minutesAfter: i));
        for (var p = 0; p < 1_000; p++) queue.PrinterAvailable(Printer($"p{p:D4}", p % 2 == 0 ? "PLA" : "PETG"));
        var assignments = queue.Plan();
        Assert.Equal(1_000, assignments.Count);
        Assert.Equal(1_000, assignments.Select(a => a.PrinterId).Distinct().Count());
        Assert.All(assignments, a => Assert.Equal(int.Parse(a.PrinterId[1..]) % 2 == 0 ? "PLA" : "PETG", a.Job.Material));
        // The oldest jobs of each material went first.
        Assert.Equal(Enumerable.Range(0, 1_000).Select(i => $"j{i:D5}").Order(), assignments.Select(a => a.Job.JobId).Order());
        Assert.Equal(9_000, queue.Depth);
    }
}
