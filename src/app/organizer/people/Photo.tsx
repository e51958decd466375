/** A contestant's photo as a thumbnail: read from IndexedDB, or a file about to be saved. */
import { useEffect, useState } from 'react';
import { photoById } from '../../../db/repository';
import type { Id } from '../../../domain/model';
import { useLiveRead } from '../../live-read';

/** An object URL for a Blob, revoked when the Blob changes or the component goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) {
      setUrl(null);
      return;
    }
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url;
}

export function BlobThumbnail({ blob, alt }: { blob: Blob | undefined; alt: string }) {
  const url = useObjectUrl(blob);
  return url ? <img className="photo-thumb" src={url} alt={alt} /> : null;
}

export function StoredPhoto({ photoId, alt }: { photoId: Id; alt: string }) {
  const photo = useLiveRead(photoById, photoId);
  return <BlobThumbnail blob={photo?.blob} alt={alt} />;
}
