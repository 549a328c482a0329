import { useSearchParams } from 'react-router';
import { currentYear } from '../format/format';

/** The year a page shows, kept in the URL (?year=) so a page can be linked. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || currentYear();
  return [
    year,
    (next) =>
      setParams((current) => {
        current.set('year', String(next));
        return current;
      }),
  ];
}
