using System.Security.Cryptography;
using System.Text.Json;
using Orleans.Placement;

namespace PrintFarm.Orders;

/// <summary>
/// Makes <c>POST /api/orders</c> safe to retry. The key's reference is stored before the order
/// is placed, so a retry after any failure (a 503, a lost answer, a crash in between) lands on the
/// same order grain: it returns the order when it was stored, and places it when it was not. The
/// grain handles one request at a time, so two retries racing each other also get one order.
/// </summary>
[PreferLocalPlacement]
public sealed class OrderPlacementGrain(
    [PersistentState("placement", FarmStorage.Name)] IPersistentState<OrderPlacementState> state,
    TimeProvider clock) : Grain, IOrderPlacementGrain
{
    public async Task<PlacedOrder> Place(PlaceOrderRequest request)
    {
        var fingerprint = Fingerprint(request);
        if (state.State.Reference is null)
        {
            state.State.Reference = OrderReference.New();
            state.State.Fingerprint = fingerprint;
            state.State.FirstSeenAt = clock.GetUtcNow();
            await state.WriteStateAsync();
        }
        else if (state.State.Fingerprint != fingerprint)
        {
            throw new IdempotencyKeyReusedException();
        }
        var order = GrainFactory.GetGrain<IOrderGrain>(state.State.Reference);
        if (await order.Get() is { } placed) return new PlacedOrder(placed, Replayed: true);
        return new PlacedOrder(await order.Place(request), Replayed: false);
    }

    private static string Fingerprint(PlaceOrderRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request)));
}
