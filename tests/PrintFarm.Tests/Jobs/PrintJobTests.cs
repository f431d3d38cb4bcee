using PrintFarm.Jobs;

namespace PrintFarm.Tests.Jobs;

[Trait("Category", "Unit")]
public sealed class PrintJobTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static PrintJob NewJob(int maxAttempts = 3)
    {
        var job = new PrintJob(new PrintJobState(), maxAttempts);
        job.Create(new PrintJobSpec
        {
            JobId = "PF-ABCDEFGHJK-1-1", OrderReference = "PF-ABCDEFGHJK", ItemIndex = 0, Copy = 1,
            Design = "bracket-v4", Material = "PLA", Technology = "FDM", EstimatedPrintSeconds = 20,
            Priority = 1, PlacedAt = T0,
        }, T0);
        return job;
    }

    [Fact]
    public void A_job_goes_from_queued_to_done()
    {
        var job = NewJob();
        Assert.Equal(JobStatus.Queued, job.State.Status);
        Assert.True(job.Assign("p1", T0.AddSeconds(1)));
        Assert.True(job.Started("p1", "MK4", T0.AddSeconds(2)));
        Assert.True(job.ReportProgress("p1", 50, 10));
        Assert.True(job.Printed("p1", T0.AddSeconds(22)));
        Assert.Equal(JobStatus.PostProcessing, job.State.Status);
        Assert.True(job.PostProcessingDone(T0.AddMinutes(1)));
        Assert.Equal(JobStatus.QualityCheck, job.State.Status);
        Assert.True(job.QualityCheckPassed(T0.AddMinutes(2)));
        Assert.Equal(JobStatus.Done, job.State.Status);
        Assert.False(job.IsOpen);
        var attempt = Assert.Single(job.State.Attempts);
        Assert.Equal(("p1", "printed"), (attempt.PrinterId, attempt.Outcome));
    }

    [Fact]
    public void A_failed_print_goes_back_to_the_queue_as_the_next_attempt()
    {
        var job = NewJob();
        job.Assign("p1", T0);
        job.Started("p1", "MK4", T0);
        Assert.True(job.Failed("p1", "nozzle clog", T0.AddSeconds(5)));
        Assert.Equal(JobStatus.Queued, job.State.Status);
        Assert.Equal(2, job.State.Attempt);
        Assert.Null(job.State.PrinterId);
        Assert.Equal("print failed: nozzle clog, reprinting, attempt 2", job.State.Problem);
        Assert.Equal("nozzle clog", job.State.Attempts[0].Outcome);

        job.Assign("p2", T0.AddSeconds(6));
        job.Started("p2", "MK4", T0.AddSeconds(7));
        job.Printed("p2", T0.AddSeconds(30));
        Assert.Null(job.State.Problem);
        Assert.Equal(["p1", "p2"], job.State.Attempts.Select(a => a.PrinterId));
    }

    [Fact]
    public void Too_many_failures_block_the_job_for_an_operator()
    {
        var job = NewJob(maxAttempts: 2);
        for (var i = 0; i < 2; i++)
        {
            job.Assign("p1", T0);
            job.Started("p1", "MK4", T0);
            job.Failed("p1", "layer shift", T0);
        }
        Assert.Equal(JobStatus.Blocked, job.State.Status);
        Assert.Contains("waiting for an operator", job.State.Problem);
        Assert.False(job.Assign("p1", T0));
    }

    [Fact]
    public void News_from_another_printer_or_out_of_order_is_ignored()
    {
        var job = NewJob();
        Assert.False(job.Started("p1", "MK4", T0));         // not assigned yet
        Assert.False(job.Printed("p1", T0));
        job.Assign("p1", T0);
        Assert.False(job.Started("p2", "MK4", T0));         // another printer
        Assert.False(job.Failed("p2", "x", T0));
        Assert.False(job.Assign("p2", T0));          // already assigned
        job.Started("p1", "MK4", T0);
        Assert.False(job.Started("p1", "MK4", T0));         // a repeated event changes nothing
        job.Printed("p1", T0);
        Assert.False(job.Printed("p1", T0));
        Assert.False(job.Failed("p1", "late failure", T0)); // a printed part is not reprinted by a stale event
        Assert.Equal(JobStatus.PostProcessing, job.State.Status);
    }

    [Fact]
    public void A_refused_assignment_returns_the_job_without_using_an_attempt()
    {
        var job = NewJob();
        job.Assign("p1", T0);
        Assert.True(job.AssignmentRefused("p1", T0));
        Assert.Equal(JobStatus.Queued, job.State.Status);
        Assert.Equal(1, job.State.Attempt);
        Assert.Empty(job.State.Attempts);
    }

    [Fact]
    public void Creating_twice_keeps_the_first()
    {
        var job = NewJob();
        Assert.False(job.Create(job.State.Spec! with { Design = "other" }, T0));
        Assert.Equal("bracket-v4", job.State.Spec!.Design);
    }

    [Fact]
    public void A_part_that_fails_quality_check_is_printed_again()
    {
        var job = NewJob();
        job.Assign("p1", T0);
        job.Started("p1", "MK4", T0);
        job.Printed("p1", T0.AddMinutes(1));
        Assert.False(job.QualityCheckFailed("warped", T0)); // still in post-processing
        job.PostProcessingDone(T0.AddMinutes(2));
        Assert.True(job.QualityCheckFailed("warped corner", T0.AddMinutes(3)));
        Assert.Equal((JobStatus.Queued, 2), (job.State.Status, job.State.Attempt));
        Assert.Equal("failed quality check: warped corner, reprinting, attempt 2", job.State.Problem);
        Assert.Equal("failed quality check: warped corner", job.State.Attempts[0].Outcome);
    }

    [Fact]
    public void A_held_job_is_not_assigned_until_released()
    {
        var job = NewJob();
        Assert.True(job.Hold());
        Assert.False(job.IsWaitingInQueue);
        Assert.False(job.Assign("p1", T0));
        Assert.True(job.Release());
        Assert.True(job.Assign("p1", T0));
        Assert.False(job.Hold()); // a job on its way to a printer carries on
    }

    [Fact]
    public void Only_a_job_not_yet_in_production_can_be_cancelled()
    {
        var queued = NewJob();
        Assert.True(queued.Cancel(T0));
        Assert.Equal(JobStatus.Cancelled, queued.State.Status);
        Assert.False(queued.IsOpen);

        var printing = NewJob();
        printing.Assign("p1", T0);
        Assert.False(printing.Cancel(T0));
        Assert.Equal(JobStatus.Assigned, printing.State.Status);
    }

    [Fact]
    public void The_projected_start_is_kept_for_queued_jobs_only()
    {
        var job = NewJob();
        Assert.True(job.Projected(T0.AddHours(2)));
        Assert.False(job.Projected(T0.AddHours(2)));
        job.Assign("p1", T0);
        Assert.False(job.Projected(T0.AddHours(3)));
        job.Started("p1", "MK4", T0);
        Assert.Null(job.State.ProjectedStart);
        Assert.Equal("MK4", job.State.PrinterModel);
    }

    [Fact]
    public void News_for_the_order_is_queued_in_order_and_dropped_once_told()
    {
        var job = NewJob();
        job.Assign("p1", T0.AddSeconds(1));
        job.Record(keep: 20);
        job.Started("p1", "MK4", T0.AddSeconds(2));
        job.Record(keep: 20);
        Assert.Equal([JobStatus.Assigned, JobStatus.Printing], job.State.Untold.Select(s => s.Status));
        Assert.Equal([1, 2], job.State.Untold.Select(s => s.Sequence));

        job.News.Delivered(job.News.Next!);
        Assert.Equal(JobStatus.Printing, job.News.Next!.Status);
        job.News.Delivered(job.News.Next!);
        Assert.Null(job.News.Next);
    }

    [Fact]
    public void A_waiting_job_holds_the_long_keep_alive_and_a_moving_one_the_short()
    {
        var options = new JobOptions { KeepAlive = TimeSpan.FromMinutes(3), WaitingKeepAlive = TimeSpan.FromMinutes(30) };
        var job = NewJob();
        Assert.Equal(options.WaitingKeepAlive, job.KeepAliveEvery(options));

        job.Assign("p1", T0);
        Assert.Equal(options.KeepAlive, job.KeepAliveEvery(options));

        var ended = NewJob();
        ended.Cancel(T0);
        ended.Record(keep: 20);
        Assert.Equal(options.KeepAlive, ended.KeepAliveEvery(options)); // its order has not heard yet
        ended.News.Delivered(ended.News.Next!);
        Assert.Null(ended.KeepAliveEvery(options));
    }

    [Fact]
    public void A_finished_job_stays_awake_until_its_order_heard_how_it_ended()
    {
        var job = NewJob();
        job.Assign("p1", T0);
        job.Cancel(T0);
        Assert.True(job.NeedsKeepAlive, "an assigned job is open");
        var ended = NewJob();
        ended.Cancel(T0);
        ended.Record(keep: 20);
        Assert.False(ended.IsOpen);
        Assert.True(ended.NeedsKeepAlive);
        ended.News.Delivered(ended.News.Next!);
        Assert.False(ended.NeedsKeepAlive);
    }

    [Fact]
    public void An_order_out_of_reach_for_long_gets_the_newest_news()
    {
        var job = NewJob();
        for (var i = 0; i < 30; i++)
        {
            job.Record(keep: 5);
        }
        Assert.Equal([26, 27, 28, 29, 30], job.State.Untold.Select(s => s.Sequence));
    }

    [Fact]
    public void A_print_stopped_at_the_printer_is_printed_again_without_using_an_attempt()
    {
        var job = NewJob(maxAttempts: 1);
        for (var i = 0; i < 3; i++)
        {
            job.Assign("p1", T0);
            job.Started("p1", "MK4", T0);
            Assert.True(job.CancelledAtPrinter("p1", T0.AddMinutes(1)));
            Assert.Equal(JobStatus.Queued, job.State.Status);
            Assert.Equal(1, job.State.Attempt); // never blocked: a person stopped it, nothing failed
        }
        Assert.Equal("reprinting: the print was stopped at the printer", job.State.Problem);
        Assert.All(job.State.Attempts, a => Assert.Equal("stopped at the printer", a.Outcome));
        Assert.False(job.CancelledAtPrinter("p1", T0), "a queued job has nothing to stop");
        job.Assign("p2", T0);
        Assert.False(job.CancelledAtPrinter("p1", T0), "another printer's stop is not about this run");
        job.Started("p2", "MK4", T0);
        job.Printed("p2", T0.AddMinutes(5));
        Assert.Equal(JobStatus.PostProcessing, job.State.Status);
    }

    [Fact]
    public void Finishing_steps_are_due_from_when_they_began()
    {
        var options = new JobOptions { PostProcessing = TimeSpan.FromMinutes(20), QualityCheck = TimeSpan.FromMinutes(5) };
        var job = NewJob();
        Assert.Null(job.FinishingDue(options, T0));
        job.Assign("p1", T0);
        job.Started("p1", "MK4", T0);
        job.Printed("p1", T0.AddMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(15), job.FinishingDue(options, T0.AddMinutes(15)));
        Assert.Equal(TimeSpan.Zero, job.FinishingDue(options, T0.AddHours(1))); // overdue after a restart: at once
        Assert.True(job.FinishStep(T0.AddMinutes(30)));
        Assert.Equal(TimeSpan.FromMinutes(5), job.FinishingDue(options, T0.AddMinutes(30)));
        Assert.Null(job.FinishingDue(new JobOptions { QualityCheckMode = FinishingMode.Operator }, T0.AddMinutes(30)));
    }

    [Fact]
    public void Only_a_print_seen_from_start_to_finish_teaches_print_times()
    {
        var job = NewJob();
        job.Assign("p1", T0);
        job.Printed("p1", T0.AddMinutes(1)); // the start was never seen: starts and ends at once
        Assert.Null(job.PrintTimeLesson());
        var seen = NewJob();
        seen.Assign("p1", T0);
        seen.Started("p1", "MK4", T0);
        seen.Printed("p1", T0.AddSeconds(30));
        Assert.Equal(("MK4", "PLA", 20, 30.0), seen.PrintTimeLesson());
    }

    [Fact]
    public void An_operator_moves_a_queued_job_to_the_front_of_its_pool()
    {
        var job = NewJob();
        Assert.False(job.Snapshot().Expedited);
        Assert.True(job.Expedite());
        Assert.Equal(PrintJobSpec.ExpeditedPriority, job.Ticket.Priority);
        Assert.True(job.Snapshot().Expedited);
        Assert.True(job.Expedite()); // there already: still fine, nothing moves

        // Ahead of an older express job of the same pool.
        var express = job.Ticket with { JobId = "PF-ABCDEFGHJK-1-2", Priority = 0, PlacedAt = T0.AddDays(-1) };
        Assert.True(PrintFarm.Dispatch.TicketOrder.Instance.Compare(job.Ticket, express) < 0);
    }

    [Fact]
    public void A_held_job_may_be_moved_to_the_front_and_is_first_once_released()
    {
        var job = NewJob();
        Assert.True(job.Hold());
        Assert.True(job.Expedite());
        Assert.False(job.IsWaitingInQueue);
        Assert.True(job.Release());
        Assert.Equal(PrintJobSpec.ExpeditedPriority, job.Ticket.Priority);
    }

    [Fact]
    public void Only_a_queued_job_moves_to_the_front()
    {
        var job = NewJob();
        Assert.True(job.Assign("p1", T0));
        Assert.False(job.Expedite());
        Assert.Equal(1, job.Ticket.Priority);
    }

    [Fact]
    public void A_blocked_job_is_tried_again_as_the_next_attempt_and_blocked_again_if_that_fails()
    {
        var job = NewJob(maxAttempts: 1);
        Assert.False(job.Retry(T0)); // queued, not blocked
        Assert.True(job.Assign("p1", T0));
        Assert.True(job.Failed("p1", "nozzle clog", T0.AddMinutes(1)));
        Assert.Equal(JobStatus.Blocked, job.State.Status);
        Assert.False(job.IsOpen);

        Assert.True(job.Retry(T0.AddMinutes(2)));
        Assert.Equal((JobStatus.Queued, 2, (string?)null), (job.State.Status, job.State.Attempt, job.State.PrinterId));
        Assert.True(job.IsWaitingInQueue);
        Assert.True(job.NeedsKeepAlive);
        Assert.Equal("an operator asked for another try, attempt 2", job.State.Problem);
        Assert.False(job.Retry(T0.AddMinutes(3)));

        Assert.True(job.Assign("p2", T0.AddMinutes(3)));
        Assert.True(job.Failed("p2", "bed adhesion lost", T0.AddMinutes(4)));
        Assert.Equal(JobStatus.Blocked, job.State.Status); // past its attempts: one more only
        Assert.Equal(2, job.State.Attempts.Count);
    }
}
