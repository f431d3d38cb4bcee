using Microsoft.Extensions.Logging;
using PrintFarm.Jobs;

namespace PrintFarm.Orders;

/// <summary>
/// A thin shell over <see cref="Order"/>: stores the order before answering, creates its jobs,
/// and follows them as they move.
/// </summary>
public sealed partial class OrderGrain(
    [PersistentState("order", FarmStorage.Name)] IPersistentState<OrderState> state,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private Order Order => new(state.State);
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An order stored just before a crash may not have its jobs yet: create them now.
        if (Order.Exists && Order.NeedsJobs) await ReleaseJobs();
    }

    public async Task<OrderView> Place(PlaceOrderRequest request)
    {
        var reference = this.GetPrimaryKeyString();
        if (Order.Exists) throw new DuplicateOrderException(reference);
        var errors = OrderRequestValidator.Validate(request);
        if (errors.Count > 0) throw new InvalidOrderException(errors.ToDictionary(e => e.Key, e => e.Value));

        state.State = Order.Place(reference, request, Now);
        await state.WriteStateAsync();
        LogPlaced(reference, state.State.Items.Count, state.State.Items.Sum(i => i.Quantity), state.State.Test);

        if (Order.NeedsJobs) await ReleaseJobs();
        return OrderView.Of(state.State);
    }

    public Task<OrderView?> Get() => Task.FromResult(Order.Exists ? OrderView.Of(state.State) : null);

    public async Task JobChanged(JobSnapshot job)
    {
        if (!Order.Exists) return;
        var before = state.State.Status;
        var change = Order.Apply(job, Now);
        if (change != OrderChange.Stage) return;
        await state.WriteStateAsync();
        if (state.State.Status != before) LogStatus(state.State.Reference, before, state.State.Status);
    }

    private async Task ReleaseJobs()
    {
        await Task.WhenAll(Order.JobsToCreate().Select(spec => GrainFactory.GetGrain<IPrintJobGrain>(spec.JobId).Create(spec)));
        if (Order.JobsCreated(Now)) await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference} placed: {Items} items, {Copies} copies, test={Test}")]
    private partial void LogPlaced(string reference, int items, int copies, bool test);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {Reference}: {From} -> {To}")]
    private partial void LogStatus(string reference, OrderStatus from, OrderStatus to);
}
