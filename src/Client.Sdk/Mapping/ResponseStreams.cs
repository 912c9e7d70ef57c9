using System.Runtime.CompilerServices;
using Grpc.Core;

namespace MedicalImaging.Client.Mapping;

/// <summary>
/// The one loop that reads a server stream into SDK types (analysis events, chat replies): MoveNext, map the
/// message, stop at the end. Callers that re-attach (<see cref="EventStream"/>) need the raw RpcException and use
/// <see cref="NextAsync"/>; the others use <see cref="ReadAllAsync"/>, which surfaces it as <see cref="ImagingException"/>.
/// </summary>
internal static class ResponseStreams
{
    /// <summary>The next message mapped, or null when the stream ended normally; a failed call throws its RpcException.</summary>
    public static async Task<T?> NextAsync<TMessage, T>(IAsyncStreamReader<TMessage> reader, Func<TMessage, T> map, CancellationToken cancellationToken)
        where T : class =>
        await reader.MoveNext(cancellationToken) ? map(reader.Current) : null;

    /// <summary>Every message mapped, to the end of the stream; a failed call throws <see cref="ImagingException"/>.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<TMessage, T>(
        IAsyncStreamReader<TMessage> reader, Func<TMessage, T> map, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            T? item;
            try
            {
                item = await NextAsync(reader, map, cancellationToken);
            }
            catch (RpcException ex)
            {
                throw ErrorMapper.From(ex);
            }

            if (item is null)
            {
                yield break;
            }

            yield return item;
        }
    }
}
