using PrintFarm.Dispatch;

namespace PrintFarm.Tests.Dispatch;

[Trait("Category", "Unit")]
public sealed class UnansweredAssignmentsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_printer_that_offers_itself_again_after_the_answer_time_names_the_job_that_never_took_it()
    {
        var sent = new UnansweredAssignments(AnswerWithin);
        sent.Sent("j1", "p1", T0);
        Assert.Null(sent.PrinterFree("p1", T0.AddSeconds(19))); // still on its way
        Assert.Null(sent.PrinterFree("p2", T0.AddSeconds(30))); // another printer
        Assert.Equal("j1", sent.PrinterFree("p1", T0.AddSeconds(20)));
    }

    [Fact]
    public void A_printer_that_took_its_job_or_a_job_that_spoke_again_is_answered()
    {
        var sent = new UnansweredAssignments(AnswerWithin);
        sent.Sent("taken", "p1", T0);
        sent.Sent("refused", "p2", T0);
        sent.Sent("cancelled", "p3", T0);
        sent.PrinterBusy("p1");
        sent.JobHeard("refused");
        sent.JobHeard("cancelled");
        Assert.Equal(0, sent.Count);
        foreach (var printer in new[] { "p1", "p2", "p3" }) Assert.Null(sent.PrinterFree(printer, T0.AddMinutes(5)));
    }

    [Fact]
    public void A_job_is_woken_a_few_times_each_an_answer_time_apart_then_left_to_its_keep_alive()
    {
        var sent = new UnansweredAssignments(AnswerWithin);
        sent.Sent("j1", "p1", T0);
        var at = T0;
        for (var wake = 1; wake <= UnansweredAssignments.MostWakes; wake++)
        {
            at += AnswerWithin;
            Assert.Null(sent.PrinterFree("p1", at - TimeSpan.FromSeconds(1)));
            Assert.Equal("j1", sent.PrinterFree("p1", at));
        }
        Assert.Equal(0, sent.Count);
        Assert.Null(sent.PrinterFree("p1", at + TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_latest_assignment_of_a_printer_or_a_job_is_the_one_kept()
    {
        var sent = new UnansweredAssignments(AnswerWithin);
        sent.Sent("j1", "p1", T0);
        sent.Sent("j2", "p1", T0.AddSeconds(5)); // p1 was free again and given another job
        sent.Sent("j1", "p2", T0.AddSeconds(5)); // j1 was queued again and went elsewhere
        Assert.Equal(2, sent.Count);
        Assert.Equal("j2", sent.PrinterFree("p1", T0.AddSeconds(25)));
        Assert.Equal("j1", sent.PrinterFree("p2", T0.AddSeconds(25)));
        sent.JobHeard("j1");
        Assert.Null(sent.PrinterFree("p2", T0.AddHours(1)));
        Assert.Equal("j2", sent.PrinterFree("p1", T0.AddHours(1))); // j2 is still unanswered
    }
}
