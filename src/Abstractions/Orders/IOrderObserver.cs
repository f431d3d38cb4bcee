namespace PrintFarm.Orders;

/// <summary>
/// Told of every change a customer can see. One per gateway process, subscribed while someone
/// watches the order (as the GPSTracker sample pushes to web clients through one observer per host).
/// </summary>
[Alias("PrintFarm.IOrderObserver")]
public interface IOrderObserver : IGrainObserver
{
    [OneWay, Alias("OrderChanged")]
    Task OrderChanged(OrderView order);
}
