namespace PrintFarm.Orders;

public enum LateReason
{
    /// <summary>The delivery estimate has moved past what was promised at placement.</summary>
    EstimatePastPromise,
    /// <summary>The promised delivery time has passed and the order is not delivered.</summary>
    PromisePassed,
}
