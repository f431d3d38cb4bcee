using PrintFarm.Printers;

namespace PrintFarm.Tests.Telemetry;

[Trait("Category", "Unit")]
public sealed class LatestWinsTests
{
    [Fact]
    public void A_printer_with_nothing_in_hand_gets_its_message_now_and_one_that_waited_is_handed_on_next()
    {
        var relay = new LatestWins<string>();
        Assert.Equal(HandOff.Now, relay.Offer("p1", "t1"));
        Assert.Equal(HandOff.Waits, relay.Offer("p1", "t2"));
        Assert.Equal("t2", relay.Done("p1"));
        Assert.Null(relay.Done("p1"));
        Assert.Equal(0, relay.Busy);
        Assert.Equal(HandOff.Now, relay.Offer("p1", "t3"));
    }

    [Fact]
    public void Only_the_newest_of_the_messages_that_waited_is_handed_on()
    {
        var relay = new LatestWins<string>();
        relay.Offer("p1", "t1");
        Assert.Equal(HandOff.Waits, relay.Offer("p1", "t2"));
        Assert.Equal(HandOff.Replaces, relay.Offer("p1", "t3"));
        Assert.Equal(HandOff.Replaces, relay.Offer("p1", "t4"));
        Assert.Equal("t4", relay.Done("p1"));
        Assert.Null(relay.Done("p1"));
    }

    [Fact]
    public void One_busy_printer_does_not_hold_up_another()
    {
        var relay = new LatestWins<string>();
        relay.Offer("slow", "s1");
        relay.Offer("slow", "s2");
        Assert.Equal(HandOff.Now, relay.Offer("fast", "f1"));
        Assert.Null(relay.Done("fast"));
        Assert.Equal(HandOff.Now, relay.Offer("fast", "f2"));
        Assert.Equal(2, relay.Busy);
    }

    [Fact]
    public void Done_for_a_printer_with_nothing_in_hand_hands_on_nothing()
    {
        var relay = new LatestWins<string>();
        Assert.Null(relay.Done("p1"));
        Assert.Equal(HandOff.Now, relay.Offer("p1", "t1"));
    }

    [Fact]
    public void Under_concurrent_offers_every_printer_ends_with_nothing_in_hand_and_its_newest_message_taken()
    {
        var relay = new LatestWins<string>();
        var lastTaken = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        Parallel.For(0, 8, worker =>
        {
            var printer = $"p{worker}";
            for (var i = 1; i <= 10_000; i++)
            {
                if (relay.Offer(printer, i.ToString()) != HandOff.Now) continue;
                // The grain takes it and whatever waited, as the ingress does.
                for (var next = (string?)i.ToString(); next is not null; next = relay.Done(printer))
                    lastTaken[printer] = int.Parse(next);
            }
        });
        Assert.Equal(0, relay.Busy);
        Assert.All(Enumerable.Range(0, 8), w => Assert.Equal(10_000, lastTaken[$"p{w}"]));
    }
}
