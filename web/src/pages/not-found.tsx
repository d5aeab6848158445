import { Link } from 'react-router-dom';
import { useTitle } from '../lib/use-title';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <section className="narrow">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the incidents</Link>
      </p>
    </section>
  );
}
