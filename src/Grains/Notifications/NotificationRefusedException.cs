namespace PrintFarm.Notifications;

/// <summary>
/// A message the receiver did not accept. <see cref="Permanent"/> when trying again cannot help
/// (an address the farm does not call, a redirect): the delivery fails at once. The message names
/// what failed, never a secret.
/// </summary>
public sealed class NotificationRefusedException(string message, bool permanent = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}
