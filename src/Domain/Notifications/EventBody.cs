using System.Text.Json;
using System.Text.Json.Serialization;
using PrintFarm.Orders;

namespace PrintFarm.Notifications;

/// <summary>
/// The JSON an event is sent as, the same to every webhook and in <c>GET /api/events</c>:
/// <c>{"id","type","time","data":{"reference","status","from","item","detail","order"}}</c>.
/// </summary>
public static class EventBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string For(OrderEvent e, OrderView order, string trackingUrl) => JsonSerializer.Serialize(new
    {
        id = e.Id,
        type = e.Type,
        time = e.Time,
        data = new
        {
            reference = e.Reference,
            status = e.Status.ToString(),
            from = e.From?.ToString(),
            item = e.Item,
            detail = e.Detail,
            dateMoved = e.DateMoved ? true : (bool?)null,
            order = CustomerOrderView.From(order, trackingUrl),
        },
    }, Json);
}
