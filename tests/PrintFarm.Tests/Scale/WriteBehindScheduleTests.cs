using PrintFarm.Persistence;

namespace PrintFarm.Tests.Scale;

[Trait("Category", "Unit")]
public sealed class WriteBehindScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nothing_is_due_until_something_changed()
    {
        var schedule = new WriteBehindSchedule(TimeSpan.FromSeconds(1));
        Assert.False(schedule.IsDue(T0));
        schedule.MarkDirty(T0);
        Assert.True(schedule.IsDue(T0));
    }

    [Fact]
    public void Many_changes_make_one_write_and_the_next_waits_the_minimum_interval()
    {
        var schedule = new WriteBehindSchedule(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 1000; i++) schedule.MarkDirty(T0.AddMilliseconds(i / 10.0));
        Assert.True(schedule.IsDue(T0.AddMilliseconds(100)));
        schedule.Written(T0.AddMilliseconds(100), TimeSpan.FromMilliseconds(20));

        Assert.False(schedule.IsDirty);
        schedule.MarkDirty(T0.AddMilliseconds(200));
        Assert.False(schedule.IsDue(T0.AddMilliseconds(1000)));
        Assert.True(schedule.IsDue(T0.AddMilliseconds(1100)));
    }

    [Fact]
    public void A_slow_write_spaces_the_next_so_writing_takes_at_most_its_share_of_the_time()
    {
        var schedule = new WriteBehindSchedule(TimeSpan.FromSeconds(1), maxWriteShare: 0.2);
        schedule.MarkDirty(T0);
        schedule.Written(T0, TimeSpan.FromSeconds(2)); // a big blob
        schedule.MarkDirty(T0.AddSeconds(2));

        Assert.False(schedule.IsDue(T0.AddSeconds(9.9)));
        Assert.True(schedule.IsDue(T0.AddSeconds(10)));
    }

    [Fact]
    public void A_failed_write_keeps_everything_dirty_and_tries_again_later()
    {
        var schedule = new WriteBehindSchedule(TimeSpan.FromSeconds(1));
        schedule.MarkDirty(T0);
        schedule.Failed(T0);

        Assert.True(schedule.IsDirty);
        Assert.False(schedule.IsDue(T0.AddMilliseconds(500)));
        Assert.True(schedule.IsDue(T0.AddSeconds(1)));
    }

    [Fact]
    public void A_change_made_while_a_write_ran_stays_dirty()
    {
        var schedule = new WriteBehindSchedule(TimeSpan.Zero);
        schedule.MarkDirty(T0.AddSeconds(5)); // after the write below began
        schedule.Written(T0, TimeSpan.FromMilliseconds(10));
        Assert.True(schedule.IsDirty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_share_outside_zero_to_one_is_refused(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WriteBehindSchedule(TimeSpan.FromSeconds(1), share));

    [Fact]
    public async Task A_failed_write_is_reported_and_left_dirty_for_the_next_try()
    {
        var schedule = new WriteBehindSchedule(TimeSpan.FromSeconds(1));
        schedule.MarkDirty(DateTimeOffset.UtcNow);
        Exception? reported = null;
        await schedule.WriteAsync(TimeProvider.System, () => throw new TimeoutException("database down"), ex => reported = ex);
        Assert.IsType<TimeoutException>(reported);
        Assert.True(schedule.IsDirty);
        Assert.False(schedule.IsDue(DateTimeOffset.UtcNow)); // not before the minimum interval

        await schedule.WriteAsync(TimeProvider.System, () => Task.CompletedTask, ex => reported = ex);
        Assert.False(schedule.IsDirty);
    }
}
