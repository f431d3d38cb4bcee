using PrintFarm.Jobs;
using PrintFarm.Orders;

namespace PrintFarm.Tests.Orders;

[Trait("Category", "Unit")]
public sealed class OrderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Order Placed(PlaceOrderRequest? request = null)
    {
        var order = new Order(Order.Place("PF-ABCDEFGHJK", request ?? OrderSamples.Valid(), T0));
        order.JobsCreated(T0);
        return order;
    }

    private static JobSnapshot Job(Order order, int copy, JobStatus status, int attempt = 1, string? problem = null) => new()
    {
        JobId = order.State.Items[0].Jobs[copy - 1].JobId,
        OrderReference = order.State.Reference,
        ItemIndex = 0,
        Copy = copy,
        Design = "bracket-v4",
        Material = "PLA",
        Status = status,
        Attempt = attempt,
        PrinterId = status is JobStatus.Queued ? null : "p1",
        Problem = problem,
        StatusSince = T0,
        EstimatedPrintSeconds = 20,
    };

    [Fact]
    public void Each_copy_becomes_its_own_job()
    {
        var order = Placed(OrderSamples.Valid(quantity: 3));
        var jobs = order.JobsToCreate().ToList();
        Assert.Equal(3, jobs.Count);
        Assert.Equal(3, jobs.Select(j => j.JobId).Distinct().Count());
        Assert.All(jobs, j => Assert.Equal("PLA", j.Material));
    }

    [Fact]
    public void A_placed_order_is_received_then_queued_once_its_jobs_exist()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(), T0);
        Assert.Equal(OrderStatus.Received, state.Status);
        var order = new Order(state);
        Assert.True(order.NeedsJobs);
        order.JobsCreated(T0.AddSeconds(1));
        Assert.Equal(OrderStatus.Queued, state.Status);
        Assert.Equal([OrderStatus.Received, OrderStatus.Queued], state.Timeline.Select(t => t.Status));
    }

    [Fact]
    public void The_order_stands_where_its_least_advanced_item_stands()
    {
        var order = Placed();
        order.Apply(Job(order, 1, JobStatus.Printing), T0.AddMinutes(1));
        Assert.Equal(OrderStatus.Queued, order.State.Status); // copy 2 still waits
        order.Apply(Job(order, 2, JobStatus.Printing), T0.AddMinutes(2));
        Assert.Equal(OrderStatus.Printing, order.State.Status);
        order.Apply(Job(order, 1, JobStatus.Done), T0.AddMinutes(3));
        Assert.Equal(OrderStatus.Printing, order.State.Status);
        order.Apply(Job(order, 2, JobStatus.QualityCheck), T0.AddMinutes(4));
        Assert.Equal(OrderStatus.QualityCheck, order.State.Status);
        order.Apply(Job(order, 2, JobStatus.Done), T0.AddMinutes(5));
        Assert.Equal(OrderStatus.ReadyToShip, order.State.Status);
        Assert.Equal(ItemStatus.Ready, order.State.Items[0].Status);
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing, OrderStatus.QualityCheck, OrderStatus.ReadyToShip],
            order.State.Timeline.Select(t => t.Status));
    }

    [Fact]
    public void A_pickup_order_ends_ready_for_pickup()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1, method: "pickup"));
        order.Apply(Job(order, 1, JobStatus.Done), T0.AddMinutes(1));
        Assert.Equal(OrderStatus.ReadyForPickup, order.State.Status);
    }

    [Fact]
    public void A_failed_print_shows_beside_its_item_and_in_the_timeline()
    {
        var order = Placed();
        order.Apply(Job(order, 1, JobStatus.Printing), T0.AddMinutes(1));
        var change = order.Apply(Job(order, 1, JobStatus.Queued, attempt: 2, problem: "print failed: nozzle clog, reprinting, attempt 2"), T0.AddMinutes(2));
        Assert.Equal(OrderChange.Stage, change);
        var item = order.State.Items[0];
        Assert.Equal(ItemStatus.Queued, item.Status);
        Assert.Equal("print failed: nozzle clog, reprinting, attempt 2", item.Problem);
        var note = Assert.Single(order.State.Timeline, t => t.ItemIndex == 0);
        Assert.Contains("nozzle clog", note.Note);

        // Once the reprint is printed the problem is history, not a current problem.
        order.Apply(Job(order, 1, JobStatus.PostProcessing, attempt: 2, problem: null), T0.AddMinutes(3));
        Assert.Null(item.Problem);
    }

    [Fact]
    public void A_blocked_job_blocks_its_item_and_keeps_the_order_queued()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        order.Apply(Job(order, 1, JobStatus.Blocked, attempt: 3, problem: "print failed: layer shift; 3 attempts used, waiting for an operator"), T0.AddMinutes(1));
        Assert.Equal(ItemStatus.Blocked, order.State.Items[0].Status);
        Assert.Equal(OrderStatus.Queued, order.State.Status);
        Assert.Contains("waiting for an operator", order.State.Items[0].Problem);
    }

    [Fact]
    public void Progress_alone_is_shown_but_not_a_stage_change()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        order.Apply(Job(order, 1, JobStatus.Printing), T0.AddMinutes(1));
        var progress = Job(order, 1, JobStatus.Printing) with { Progress = 40, RemainingSeconds = 12 };
        Assert.Equal(OrderChange.Progress, order.Apply(progress, T0.AddMinutes(2)));
        Assert.Equal(OrderChange.None, order.Apply(progress, T0.AddMinutes(3)));
        Assert.Equal(40, order.State.Items[0].Jobs[0].Progress);
    }

    [Fact]
    public void News_of_a_job_the_order_does_not_have_changes_nothing()
    {
        var order = Placed();
        var stranger = Job(order, 1, JobStatus.Printing) with { JobId = "PF-OTHER-1-1" };
        Assert.Equal(OrderChange.None, order.Apply(stranger, T0));
        Assert.Equal(OrderChange.None, order.Apply(Job(order, 1, JobStatus.Printing) with { ItemIndex = 7 }, T0));
    }

    [Fact]
    public void A_test_order_is_tracked_but_never_produced()
    {
        var state = Order.Place("PF-ABCDEFGHJK", OrderSamples.Valid(test: true), T0);
        Assert.Equal(OrderStatus.Test, state.Status);
        Assert.False(new Order(state).NeedsJobs);
    }

    [Fact]
    public void Old_news_from_a_job_is_ignored_once_newer_news_arrived()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        Assert.Equal(OrderChange.Stage, order.Apply(Job(order, 1, JobStatus.PostProcessing) with { Sequence = 4 }, T0.AddMinutes(2)));
        // The job re-sends its printing news after a silo died: it is older than what the order holds.
        Assert.Equal(OrderChange.None, order.Apply(Job(order, 1, JobStatus.Printing) with { Sequence = 3 }, T0.AddMinutes(3)));
        Assert.Equal(OrderStatus.PostProcessing, order.State.Status);
        Assert.Equal(4, order.State.Items[0].Jobs[0].Sequence);
    }

    [Fact]
    public void An_order_that_hears_of_a_jump_still_tells_every_stage_it_passed()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        // The start event was lost with a silo: the next news is that the part is printed.
        order.Apply(Job(order, 1, JobStatus.PostProcessing) with { Sequence = 3 }, T0.AddMinutes(2));
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing],
            order.State.Timeline.Select(t => t.Status));
        order.Apply(Job(order, 1, JobStatus.Done) with { Sequence = 5 }, T0.AddMinutes(9));
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.Printing, OrderStatus.PostProcessing, OrderStatus.QualityCheck, OrderStatus.ReadyToShip],
            order.State.Timeline.Select(t => t.Status));
    }

    [Fact]
    public void A_failed_print_moves_the_order_back_without_inventing_stages()
    {
        var order = Placed(OrderSamples.Valid(quantity: 1));
        order.Apply(Job(order, 1, JobStatus.Printing) with { Sequence = 2 }, T0.AddMinutes(1));
        order.Apply(Job(order, 1, JobStatus.Queued, attempt: 2, problem: "spaghetti, reprinting, attempt 2") with { Sequence = 3 }, T0.AddMinutes(2));
        Assert.Equal(OrderStatus.Queued, order.State.Status);
        Assert.Equal(
            [OrderStatus.Received, OrderStatus.Queued, OrderStatus.Printing, OrderStatus.Printing, OrderStatus.Queued],
            order.State.Timeline.Select(t => t.Status));
    }

    [Fact]
    public void Express_orders_get_the_higher_priority()
    {
        var express = Placed(OrderSamples.Valid(method: "express")).JobsToCreate().First();
        var standard = Placed(OrderSamples.Valid(method: "standard")).JobsToCreate().First();
        Assert.True(express.Priority < standard.Priority);
    }
}
